// SPDX-License-Identifier: GPL-2.0
/*
 * A reply on msg->chan, which may be either of the driver's channels, with
 * a tag neither contract lets the driver send (REQ is the block client's,
 * and tag 2 of ping is ECHO, which the ping client does not send).
 */
// expect: reject reply_msg: sip_send: tag 2 is not a message the driver may send on any channel r1 may be (0, 1)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "contract-msg-chan-any", .nr_channels = 2,
	     .chans = { SIP_SERVES("blk", BLOCK), SIP_USES("ping", PING) });

SIP_MSG(reply_msg)
{
	return sip_send(msg->chan, 2, msg->args[0], 0, NULL);	// <-- here
}
