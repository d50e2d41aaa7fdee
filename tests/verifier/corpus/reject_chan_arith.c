// SPDX-License-Identifier: GPL-2.0
/*
 * "The next channel": arithmetic on a channel handle would forge another.
 */
// expect: reject chan_msg: arithmetic on a channel handle (r1)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "chan-arith", .nr_channels = 2);

SIP_MSG(chan_msg)
{
	return sip_send(msg->chan + 1, msg->tag, 0, 0, NULL);	// <-- here
}
