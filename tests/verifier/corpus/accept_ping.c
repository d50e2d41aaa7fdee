// SPDX-License-Identifier: GPL-2.0
/*
 * Ping: each request is answered with a fresh 32-byte block holding the
 * request's arguments and a time stamp; a failed send frees the reply.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "ping", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

enum { PING = 1, PONG = 2 };

struct pong {
	u64 seq;
	u64 cookie;
	u64 stamp;
	u64 nr;
};

static u64 nr_pongs;

SIP_MSG(ping_msg)
{
	struct pong *p;
	long ret;

	if (msg->tag != PING)
		return -95;
	p = sip_block_alloc(sizeof(*p));
	if (!p)
		return -12;
	p->seq = msg->args[0];
	p->cookie = msg->args[1];
	p->stamp = sip_time_ns();
	p->nr = ++nr_pongs;
	ret = sip_send(msg->chan, PONG, p->seq, 0, p);
	if (ret)
		sip_block_free(p);
	return ret;
}
