// SPDX-License-Identifier: GPL-2.0
/*
 * A block driver whose quota holds one 4 KiB block: a larger write's block
 * can never reach it. Such requests must fail after the shim's timeout,
 * not hang their writers, and the driver must still unload.
 */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "tinyblk", .dev_class = SIP_CLASS_BLOCK,
	     .nr_channels = 1, .chans = { SIP_SERVES("blk", BLOCK) },
	     .max_blocks = 1, .max_bytes = 4096);

SIP_INIT(tinyblk_init)
{
	return sip_send(sip_chan(0), SIP_BLK_HELLO, 1 << 20, 512 | 4ull << 32, NULL);
}

SIP_MSG(tinyblk_msg)
{
	void *b;
	long ret;

	if (msg->tag != SIP_BLK_REQ)
		return 0;
	b = sip_msg_block(msg);
	ret = sip_send(msg->chan, SIP_BLK_DONE, msg->args[0], 0, b);
	if (ret && b)
		sip_block_free(b);
	return 0;
}
