// SPDX-License-Identifier: GPL-2.0
/*
 * nullblk: a block device that completes every request at once, like
 * Linux's null_blk. Writes are dropped; a read's block goes back as it came:
 * a read buffer the kernel lent keeps what it held (no data moves, as with
 * null_blk), a block from the exchange heap comes zeroed. Parameters:
 * size_mb (capacity), qd (queue depth).
 */
#include <sipdrv/sip.h>

#define BLK_CHAN 0

SIP_MANIFEST(.name = "nullblk", .dev_class = SIP_CLASS_BLOCK,
	     .nr_channels = 1, .chans = { SIP_SERVES("blk", BLOCK) },
	     .nr_params = 2,
	     .params = { { .name = "size_mb", .def = 1024, .min = 1, .max = 1 << 20 },
			 { .name = "qd", .def = 64, .min = 1, .max = 1024 } },
	     .max_blocks = 1024 + 8);

SIP_INIT(nullblk_init)
{
	u64 size_mb = ctx->params[0], qd = ctx->params[1];

	/* HELLO: capacity in bytes; logical block size | queue depth << 32. */
	return sip_send(sip_chan(BLK_CHAN), SIP_BLK_HELLO, size_mb << 20, 512 | qd << 32, NULL);
}

SIP_MSG(nullblk_msg)
{
	void *block;
	long ret;

	if (msg->tag != SIP_BLK_REQ)
		return 0;
	block = sip_msg_block(msg);
	ret = sip_send(msg->chan, SIP_BLK_DONE, msg->args[0], 0, block);
	if (ret && block)
		sip_block_free(block);
	return 0;
}
