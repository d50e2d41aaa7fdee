// SPDX-License-Identifier: GPL-2.0
/*
 * Two paths meet with c the block channel (0) on one and the ping channel
 * (1) on the other; DONE is a message the driver may send on channel 0
 * only. A state whose handle may be channel 1 is not covered by one where
 * it is channel 0: pruning compares the channel sets (cur's within old's).
 * reject_prune_chan_set_swapped.c has the branches the other way round.
 */
// expect: reject done_msg: sip_send: tag 3 is not a message of contract sipdrv.ping (channel 1)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "prune-chan-set", .nr_channels = 2,
	     .chans = { SIP_SERVES("blk", BLOCK), SIP_USES("ping", PING) });

SIP_MSG(done_msg)
{
	sip_chan_t ping = sip_chan(1), c;

	if (msg->args[0])
		c = sip_chan(0);
	else
		c = ping;
	return sip_send(c, SIP_BLK_DONE, msg->args[1], 0, NULL);	// <-- here
}
