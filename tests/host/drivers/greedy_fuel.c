// SPDX-License-Identifier: GPL-2.0
/* Asks for all the fuel there is: the kernel's ceiling refuses it at load. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "greedy-fuel", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) },
	     .fuel = ~0ull);

SIP_MSG(greedy_fuel_msg)
{
	while (msg->tag)
		;
	return 0;
}
