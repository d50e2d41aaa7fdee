// SPDX-License-Identifier: GPL-2.0
/*
 * Driver state kept in an exchange block across events: init puts it in a
 * slot, each message takes it out, updates it and puts it back, exit frees
 * it. An empty slot (init failed half-way) is handled.
 */
// expect: accept
#include <sipdrv/sip.h>

enum { STATE_SLOT, NR_SLOTS };

SIP_MANIFEST(.name = "slot-state", .nr_slots = NR_SLOTS);

struct state {
	u64 nr_msgs;
	u64 last_tag;
	u64 sum;
};

SIP_INIT(state_init)
{
	struct state *s = sip_block_alloc(sizeof(*s));

	if (!s)
		return -12;
	s->nr_msgs = 0;
	s->last_tag = 0;
	s->sum = ctx->params[0];
	sip_block_free(sip_slot_xchg(STATE_SLOT, s));
	return 0;
}

SIP_MSG(state_msg)
{
	struct state *s = sip_slot_xchg(STATE_SLOT, NULL);
	u64 n;

	if (!s)
		return -5;
	/* A block from a slot is of unknown size: check it once. */
	if (sip_block_size(s) < sizeof(*s)) {
		sip_block_free(s);
		return -5;
	}
	s->nr_msgs++;
	s->last_tag = msg->tag;
	s->sum += msg->args[0];
	n = s->nr_msgs;
	sip_block_free(sip_slot_xchg(STATE_SLOT, s));
	return n & 0xffff;
}

SIP_EXIT(state_exit)
{
	sip_block_free(sip_slot_xchg(STATE_SLOT, NULL));
	return 0;
}
