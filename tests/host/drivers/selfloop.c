// SPDX-License-Identifier: GPL-2.0
/*
 * A driver meant to be connected to itself (sipctl connect selfloop:2
 * selfloop:1): a PING on "in" (from the kernel) is answered and starts a
 * PING on "out", which arrives on "peer", whose ECHO comes back on "out"
 * and starts the next PING: an exchange that never ends, each run short
 * and loop-free. It must run where the scheduler preempts it, leave the
 * pinging task and other drivers alone, and unload.
 */
#include <sipdrv/sip.h>

#define CHAN_IN 0
#define CHAN_PEER 1
#define CHAN_OUT 2

SIP_MANIFEST(.name = "selfloop", .nr_channels = 3,
	     .chans = { SIP_SERVES("in", PING), SIP_SERVES("peer", PING), SIP_USES("out", PING) });

static u64 rounds;

SIP_MSG(selfloop_msg)
{
	void *b = sip_msg_block(msg);
	long ret;

	if (msg->tag == SIP_PING) {
		ret = sip_send(msg->chan, SIP_ECHO, msg->args[0], 0, b);
		if (ret && b)
			sip_block_free(b);
		if (msg->chan == CHAN_IN)
			sip_send(sip_chan(CHAN_OUT), SIP_PING, 0, 0, NULL);
		return 0;
	}
	sip_block_free(b);
	if (msg->tag == SIP_ECHO && msg->chan == CHAN_OUT) {
		rounds++;
		sip_send(sip_chan(CHAN_OUT), SIP_PING, rounds, 0, NULL);
	}
	return 0;
}
