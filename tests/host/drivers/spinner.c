// SPDX-License-Identifier: GPL-2.0
/* Never finishes a message: the fuel counter stops it. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "spinner", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) },
	     .fuel = 100000);

static volatile u64 spins;

SIP_MSG(spinner_msg)
{
	while (msg->tag)
		spins++;
	return 0;
}
