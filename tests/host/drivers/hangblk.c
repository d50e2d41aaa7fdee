// SPDX-License-Identifier: GPL-2.0
/* A block driver that keeps every request and never answers: requests must time out. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "hangblk", .dev_class = SIP_CLASS_BLOCK,
	     .nr_channels = 1, .chans = { SIP_SERVES("blk", BLOCK) });

SIP_INIT(hangblk_init)
{
	return sip_send(sip_chan(0), SIP_BLK_HELLO, 1 << 20, 512 | 4ull << 32, NULL);
}

SIP_MSG(hangblk_msg)
{
	sip_block_free(sip_msg_block(msg));	/* the block goes; the answer never comes */
	return 0;
}
