// SPDX-License-Identifier: GPL-2.0
/*
 * A reply block built for each request, sent on the request's channel; a
 * negative result means the block is still ours, and it is freed.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "reply-free-on-failure");

struct reply {
	u64 id;
	s64 status;
	u64 data[6];
};

static u64 nr_dropped;

SIP_MSG(reply_msg)
{
	struct reply *r = sip_block_alloc(sizeof(*r));
	long ret;

	if (!r)
		return -12;
	r->id = msg->args[0];
	r->status = 0;
	for (int i = 0; i < 6; i++)
		r->data[i] = msg->args[1] ^ i;
	ret = sip_send(msg->chan, msg->tag | 0x80, r->id, 0, r);
	if (ret < 0) {
		nr_dropped++;
		sip_block_free(r);
	}
	return ret;
}
