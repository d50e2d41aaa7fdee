// expect: accept
/* A queue of request cookies with head and tail counters masked by N - 1. */
#include <sipdrv/sip.h>

#define QLEN 64

SIP_MANIFEST(.name = "ringq", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

static u64 queue[QLEN];
static u32 qhead, qtail;

SIP_MSG(ringq_msg)
{
	void *b = sip_msg_block(msg);
	u64 out = 0;
	long ret;

	if (msg->args[1] == 0) {		/* push */
		if (qtail - qhead < QLEN)
			queue[qtail++ & (QLEN - 1)] = msg->args[0];
	} else if (qhead != qtail) {		/* pop */
		out = queue[qhead++ & (QLEN - 1)];
	}
	ret = sip_send(msg->chan, SIP_ECHO, out, qtail - qhead, b);
	if (ret && b)
		sip_block_free(b);
	return 0;
}
