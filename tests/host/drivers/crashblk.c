// SPDX-License-Identifier: GPL-2.0
/* A block driver that serves 20 requests, then aborts: its disk must fail, not hang. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "crashblk", .dev_class = SIP_CLASS_BLOCK,
	     .nr_channels = 1, .chans = { SIP_SERVES("blk", BLOCK) });

static u64 served;

SIP_INIT(crashblk_init)
{
	return sip_send(sip_chan(0), SIP_BLK_HELLO, 16 << 20, 512 | 16ull << 32, NULL);
}

SIP_MSG(crashblk_msg)
{
	void *block;
	long ret;

	if (msg->tag != SIP_BLK_REQ)
		return 0;
	if (++served > 20)
		return sip_abort(-5);
	block = sip_msg_block(msg);
	ret = sip_send(msg->chan, SIP_BLK_DONE, msg->args[0], 0, block);
	if (ret && block)
		sip_block_free(block);
	return 0;
}
