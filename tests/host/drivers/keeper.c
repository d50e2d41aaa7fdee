// SPDX-License-Identifier: GPL-2.0
/*
 * Keeps the blocks it receives in slots instead of answering with them, and
 * takes parameters: what a dead SIP leaves behind must be reclaimed.
 */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "keeper", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) },
	     .nr_slots = 4, .nr_params = 2,
	     .params = { { .name = "depth", .def = 4, .min = 1, .max = 64 },
			 { .name = "tag", .def = 7 } });

static u64 next, depth, tag;

SIP_INIT(keeper_init)
{
	depth = ctx->params[0];
	tag = ctx->params[1];
	return 0;
}

SIP_MSG(keeper_msg)
{
	void *b, *old;

	if (msg->tag != SIP_PING)
		return 0;
	b = sip_msg_block(msg);
	old = sip_slot_xchg(next & 3, b);
	next++;
	sip_block_free(old);
	return sip_send(msg->chan, SIP_ECHO, depth, tag, NULL);
}
