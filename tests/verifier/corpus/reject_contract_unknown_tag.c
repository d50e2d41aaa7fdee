// SPDX-License-Identifier: GPL-2.0
/*
 * A tag the channel's contract does not have (the ping contract has PING
 * and ECHO, tags 1 and 2): refused by the verifier.
 */
// expect: reject pong_msg: sip_send: tag 7 is not a message of contract sipdrv.ping (channel 0)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "contract-unknown-tag", .nr_channels = 1,
	     .chans = { SIP_SERVES("ping", PING) });

#define PONG 7

SIP_MSG(pong_msg)
{
	return sip_send(msg->chan, PONG, msg->args[0], 0, NULL);	// <-- here
}
