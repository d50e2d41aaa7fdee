// SPDX-License-Identifier: GPL-2.0
/*
 * Tag 0 is no message (a handler gets it when the peer closed): sending it
 * is refused by the verifier.
 */
// expect: reject zero_init: sip_send: tag 0 is not a message of contract sipdrv.block (channel 0)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "contract-tag-zero", .nr_channels = 1,
	     .chans = { SIP_SERVES("blk", BLOCK) });

SIP_INIT(zero_init)
{
	return sip_send(sip_chan(0), 0, 1 << 20, 512, NULL);	// <-- here
}
