// SPDX-License-Identifier: GPL-2.0
/* Gives up on purpose when a PING carries 13. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "aborter", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

SIP_MSG(aborter_msg)
{
	long ret;

	if (msg->tag != SIP_PING)
		return 0;
	if (msg->args[0] == 13)
		return sip_abort(-5);
	ret = sip_send(msg->chan, SIP_ECHO, msg->args[0], 0, NULL);
	return ret;
}
