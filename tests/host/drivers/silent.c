// SPDX-License-Identifier: GPL-2.0
/* Serves the ping contract and never answers: a ping to it must end, and be interruptible. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "silent", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

SIP_MSG(silent_msg)
{
	sip_block_free(sip_msg_block(msg));
	return 0;
}
