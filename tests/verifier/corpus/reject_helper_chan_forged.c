// SPDX-License-Identifier: GPL-2.0
/*
 * A channel handle made up from a number in the message: handles come
 * from msg->chan or sip_chan() only.
 */
// expect: reject chan_msg: argument 1 of sip_send (r1: scalar) must be a channel handle
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "helper-chan-forged");

SIP_MSG(chan_msg)
{
	return sip_send(msg->args[0], msg->tag, 0, 0, NULL);	// <-- here
}
