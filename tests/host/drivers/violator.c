// SPDX-License-Identifier: GPL-2.0
/* Breaks its contract: answers a request nobody made. The runtime stops it. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "violator", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

SIP_MSG(violator_msg)
{
	if (msg->tag != SIP_PING)
		return 0;
	/* One reply per PING is the contract; the second one violates it. */
	sip_send(msg->chan, SIP_ECHO, msg->args[0], 0, NULL);
	return sip_send(msg->chan, SIP_ECHO, msg->args[0], 0, NULL);
}
