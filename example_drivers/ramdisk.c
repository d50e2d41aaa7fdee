// SPDX-License-Identifier: GPL-2.0
/*
 * ramdisk: a block device whose data lives in memory the kernel grants the
 * driver (sip_grant): the driver can reach it only through bounds-checked
 * copies to and from the request's exchange block. Any size and alignment
 * the block layer sends works: the copy is by byte offset and length.
 * Parameters: size_mb (capacity), qd (queue depth).
 */
#include <sipdrv/sip.h>

#define BLK_CHAN 0
#define EIO 5
#define EOPNOTSUPP 95

SIP_MANIFEST(.name = "ramdisk", .dev_class = SIP_CLASS_BLOCK,
	     .nr_channels = 1, .chans = { SIP_SERVES("blk", BLOCK) },
	     .nr_params = 2,
	     .params = { { .name = "size_mb", .def = 64, .min = 1, .max = 1024 },
			 { .name = "qd", .def = 64, .min = 1, .max = 1024 } },
	     .max_blocks = 1024 + 8);

SIP_INIT(ramdisk_init)
{
	u64 size = ctx->params[0] << 20, qd = ctx->params[1];
	long ret;

	ret = sip_grant(size);
	if (ret)
		return ret;
	return sip_send(sip_chan(BLK_CHAN), SIP_BLK_HELLO, size, 512 | qd << 32, NULL);
}

/* REQ: arg0 = tag << 32 | op, arg1 = byte offset, arg2 = bytes. */
static long serve(const struct sip_msg *msg, void *block)
{
	u64 op = msg->args[0] & 0xff, off = msg->args[1], len = msg->args[2];

	switch (op) {
	case SIP_BLK_READ:
		return block ? sip_grant_read(off, block, 0, len) : -EIO;
	case SIP_BLK_WRITE:
		return block ? sip_grant_write(off, block, 0, len) : -EIO;
	case SIP_BLK_FLUSH:
		return 0;	/* memory: nothing to write back */
	default:
		return -EOPNOTSUPP;
	}
}

SIP_MSG(ramdisk_msg)
{
	void *block;
	long status, ret;

	if (msg->tag != SIP_BLK_REQ)
		return 0;
	block = sip_msg_block(msg);
	status = serve(msg, block);
	ret = sip_send(msg->chan, SIP_BLK_DONE, msg->args[0], status, block);
	if (ret && block)
		sip_block_free(block);
	return 0;
}
