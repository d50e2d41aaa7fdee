// SPDX-License-Identifier: GPL-2.0
/* Never finishes a message: the fuel counter stops it, at the kernel's default ceiling. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "spinner", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

static volatile u64 spins;

SIP_MSG(spinner_msg)
{
	while (msg->tag)
		spins++;
	return 0;
}
