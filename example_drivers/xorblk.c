// SPDX-License-Identifier: GPL-2.0
/*
 * xorblk: a ramdisk that keeps its data XORed with a key, to show a block
 * driver that transforms the bytes it moves. As in ramdisk.c, the data
 * lives in granted memory: a write XORs the request's bytes in its block
 * and copies them to the grant; a read copies them back into the block and
 * XORs them again. The grant starts zeroed, so a disk never written reads
 * as the key repeated. Parameters: size_mb, qd, key (a byte).
 */
#include <sipdrv/sip.h>

#define BLK_CHAN 0
#define EIO 5
#define EOPNOTSUPP 95

SIP_MANIFEST(.name = "xorblk", .dev_class = SIP_CLASS_BLOCK,
	     .nr_channels = 1, .chans = { SIP_SERVES("blk", BLOCK) },
	     .nr_params = 3,
	     .params = { { .name = "size_mb", .def = 64, .min = 1, .max = 1024 },
			 { .name = "qd", .def = 64, .min = 1, .max = 1024 },
			 { .name = "key", .def = 0x5a, .min = 0, .max = 255 } },
	     .max_blocks = 1024 + 8);

static u64 key;		/* the key byte, in each byte of a word */

SIP_INIT(xorblk_init)
{
	u64 size = ctx->params[0] << 20, qd = ctx->params[1];
	long ret;

	key = ctx->params[2] * 0x0101010101010101ull;
	ret = sip_grant(size);
	if (ret)
		return ret;
	return sip_send(sip_chan(BLK_CHAN), SIP_BLK_HELLO, size, 512 | qd << 32, NULL);
}

/* The first len bytes of the block, XORed with the key: a word at a time, then bytes. */
static void xor_key(u8 *b, u64 len)
{
	u64 i;

	for (i = 0; i + 8 <= len; i += 8)
		*(u64 *)(b + i) ^= key;
	for (; i < len; i++)
		b[i] ^= (u8)key;
}

/* REQ: arg0 = tag << 32 | op, arg1 = byte offset, arg2 = bytes. */
static long serve(const struct sip_msg *msg, u8 *b)
{
	u64 op = msg->args[0] & 0xff, off = msg->args[1], len = msg->args[2];
	long ret;

	if (op == SIP_BLK_FLUSH)
		return 0;	/* memory: nothing to write back */
	if (op != SIP_BLK_READ && op != SIP_BLK_WRITE)
		return -EOPNOTSUPP;
	if (!b || len > msg->block_size)
		return -EIO;
	if (op == SIP_BLK_WRITE) {
		xor_key(b, len);
		return sip_grant_write(off, b, 0, len);
	}
	ret = sip_grant_read(off, b, 0, len);
	if (!ret)
		xor_key(b, len);
	return ret;
}

SIP_MSG(xorblk_msg)
{
	u8 *b;
	long status, ret;

	if (msg->tag != SIP_BLK_REQ)
		return 0;
	b = sip_msg_block(msg);
	status = serve(msg, b);
	ret = sip_send(msg->chan, SIP_BLK_DONE, msg->args[0], status, b);
	if (ret && b)
		sip_block_free(b);
	return 0;
}
