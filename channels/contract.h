/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Contracts at run time: the tables built from include/sipdrv/contracts.h,
 * lookup by name, and the O(1) check of one send against the state machine.
 */
#ifndef _SIPDRV_CONTRACT_H
#define _SIPDRV_CONTRACT_H

#include <sipdrv/contracts.h>
#include "platform.h"

struct sip_contract_row {
	const char *name;
	u8 side;		/* enum sip_side: who may send it */
	u8 from, to;		/* states */
	s8 delta;		/* +1 opens a request, -1 closes one */
	u8 payload;		/* enum sip_payload */
};

struct sip_contract {
	const char *name;
	u32 id;
	u64 hash;
	u32 nr_tags;		/* valid tags are 1 .. nr_tags - 1 */
	u32 nr_states;		/* the initial state is 0 */
	const struct sip_contract_row *rows;	/* indexed by tag */
	const char *const *state_names;
};

extern const struct sip_contract sip_contract_block;
extern const struct sip_contract sip_contract_ping;

/* The contract called @name, or NULL. */
const struct sip_contract *sip_contract_find(const char *name);

/* Where a channel's protocol stands. */
struct sip_contract_state {
	u32 state;
	u32 open;		/* requests opened and not yet closed */
	u32 max_open;		/* what the channel's rings can hold */
};

/*
 * May @side send @tag (with a block or not) now? Returns 0 and applies the
 * transition, -EAGAIN when it would open more requests than max_open
 * (back-pressure: try again later), or -EPROTO with @why naming the broken
 * rule (the sender violated the contract). Inline: one runs per message.
 */
static inline int sip_contract_step(const struct sip_contract *c,
				    struct sip_contract_state *cs, u32 side, u32 tag,
				    bool has_block, const char **why)
{
	const struct sip_contract_row *r;

	if (!tag || tag >= c->nr_tags) {
		*why = "unknown message tag";
		return -EPROTO;
	}
	r = &c->rows[tag];
	if (r->side != side) {
		*why = side == SIP_SERVER ? "only the client sends this message" :
					    "only the server sends this message";
		return -EPROTO;
	}
	if (r->from != cs->state) {
		*why = "message not allowed in the channel's state";
		return -EPROTO;
	}
	if (r->payload == SIP_PAYLOAD_NONE && has_block) {
		*why = "this message carries no block";
		return -EPROTO;
	}
	if (r->payload == SIP_PAYLOAD_REQUIRED && !has_block) {
		*why = "this message needs a block";
		return -EPROTO;
	}
	if (r->delta < 0 && !cs->open) {
		*why = "a reply without a request";
		return -EPROTO;
	}
	if (r->delta > 0 && cs->open >= cs->max_open) {
		*why = "too many open requests";
		return -EAGAIN;
	}
	cs->open += r->delta;
	cs->state = r->to;
	return 0;
}

#endif /* _SIPDRV_CONTRACT_H */
