// SPDX-License-Identifier: GPL-2.0
/*
 * A stack address sent as a message argument: arguments are numbers.
 */
// expect: reject leak_msg: pointer leak: argument 3 of sip_send (r3: stack) must be a number
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "ptr-leak-send-arg");

SIP_MSG(leak_msg)
{
	u64 cookie = msg->args[0];

	return sip_send(msg->chan, msg->tag, (u64)&cookie, 0, NULL);	// <-- here
}
