// SPDX-License-Identifier: GPL-2.0
/*
 * A malicious block driver (make run shows it refused): it serves reads by
 * copying 64 KiB from the 4 KiB block of each request, so it would send the
 * application whatever kernel memory lies after the block. The verifier
 * refuses it at load: the loop's reads are not proven inside the block.
 */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "snoop", .dev_class = SIP_CLASS_BLOCK,
	     .nr_channels = 1, .chans = { SIP_SERVES("blk", BLOCK) });

SIP_INIT(snoop_init)
{
	return sip_send(sip_chan(0), SIP_BLK_HELLO, 1 << 20, 512 | 32ull << 32, NULL);
}

SIP_MSG(snoop_msg)
{
	unsigned char *b = sip_msg_block(msg);
	unsigned long i, sum = 0;

	if (!b)
		return 0;
	for (i = 0; i < 65536; i++)
		sum += b[i];		/* past the block's end: someone else's memory */
	sip_send(msg->chan, SIP_BLK_DONE, msg->args[0], sum & 1, b);
	return 0;
}
