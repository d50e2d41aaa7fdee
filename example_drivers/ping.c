// SPDX-License-Identifier: GPL-2.0
/*
 * ping: a relay between two SIPs. It serves the ping contract to its
 * client (channel "in", the kernel) and uses it towards another SIP
 * (channel "out", an echo driver): a PING from the client goes on to the
 * echo driver with its block, and the ECHO that comes back goes to the
 * client. Messages hop from SIP to SIP with ownership moving at each send;
 * an idle receiver runs at once in the sender's context.
 */
#include <sipdrv/sip.h>

#define CHAN_IN 0
#define CHAN_OUT 1

SIP_MANIFEST(.name = "ping", .nr_channels = 2,
	     .chans = { SIP_SERVES("in", PING), SIP_USES("out", PING) },
	     .max_blocks = 64);

static u64 forwarded, returned;

/* A PING from the client: on to the echo driver, or back at once if it cannot go. */
static int forward(struct sip_msg *msg)
{
	void *b = sip_msg_block(msg);
	long ret;

	ret = sip_send(sip_chan(CHAN_OUT), SIP_PING, msg->args[0], msg->args[1], b);
	if (!ret) {
		forwarded++;
		return 0;
	}
	/* Answer the client with the error in arg1, and the block back. */
	ret = sip_send(msg->chan, SIP_ECHO, msg->args[0], (u64)ret, b);
	if (ret && b)
		sip_block_free(b);
	return 0;
}

/* An ECHO from the echo driver: back to the client. */
static int reply(struct sip_msg *msg)
{
	void *b = sip_msg_block(msg);
	long ret;

	ret = sip_send(sip_chan(CHAN_IN), SIP_ECHO, msg->args[0], msg->args[1], b);
	if (ret && b)
		sip_block_free(b);
	if (!ret)
		returned++;
	return 0;
}

SIP_MSG(ping_msg)
{
	if (msg->tag == SIP_PING && msg->chan == CHAN_IN)
		return forward(msg);
	if (msg->tag == SIP_ECHO && msg->chan == CHAN_OUT)
		return reply(msg);
	return 0;
}
