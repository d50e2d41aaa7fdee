// SPDX-License-Identifier: GPL-2.0
/*
 * sip_log() of a length taken from the message without any bound.
 */
// expect: reject log_msg: sip_log: size r2 may be 18446744073709551615, more than the 65536 a helper takes
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "helper-log-unbounded");

static char text[64];

SIP_MSG(log_msg)
{
	text[0] = msg->tag;
	return sip_log(text, msg->args[0]);	// <-- here
}
