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

/* The most tags a contract has (tag 0, none, included): a channel keeps a copy of its rows. */
#define SIP_CONTRACT_MAX_TAGS	8

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

/* Why @side may not send @tag now: -EPROTO with @why, or -EAGAIN (out of line, cold). */
int sip_contract_refuse(const struct sip_contract *c, const struct sip_contract_state *cs,
			u32 side, u32 tag, bool has_block, const char **why);

/*
 * The rules of a contract as a channel keeps them, next to its state: a
 * send's check reads no table elsewhere (no other cache line or page per
 * message). @c is the contract (for the refusal's reason); @nr_tags and
 * @rows are copies of its own.
 */
struct sip_contract_rules {
	const struct sip_contract *c;
	u32 nr_tags;
	/*
	 * Per side, the message it sends most (a request, a reply): the one
	 * tag of that side that keeps the state and takes any payload, and
	 * opens or closes a request. Checked first, with three compares; tag
	 * and state ~0 (nothing matches) when the side has no such message,
	 * or more than one.
	 */
	struct {
		u32 tag, state;
		s32 delta;
	} fast[2];
	struct sip_contract_row rows[SIP_CONTRACT_MAX_TAGS];
};

/* Fills @r from @c; -EINVAL if @c has more than SIP_CONTRACT_MAX_TAGS tags. */
int sip_contract_rules_init(struct sip_contract_rules *r, const struct sip_contract *c);

/*
 * May @side send @tag (with a block or not) now? Returns 0 with the state
 * and the open count after the transition in *@next (the caller applies
 * them once the send is sure), -EAGAIN when it would open more requests than
 * max_open (back-pressure: try again later), or -EPROTO with @why naming
 * the broken rule (the sender violated the contract). Inline: one runs per
 * message, with two branches when the message is allowed; the reason for a
 * refusal is worked out by sip_contract_refuse.
 */
static inline int sip_contract_step(const struct sip_contract_rules *c,
				    const struct sip_contract_state *cs, u32 side, u32 tag,
				    bool has_block, const char **why,
				    struct sip_contract_state *next)
{
	const struct sip_contract_row *r;
	u32 open;

	if (likely(tag == c->fast[side & 1].tag && cs->state == c->fast[side & 1].state)) {
		open = cs->open + (u32)c->fast[side & 1].delta;
		next->open = open;
		next->state = cs->state;
		if (likely(open <= cs->max_open))
			return 0;
		return sip_contract_refuse(c->c, cs, side, tag, has_block, why);
	}
	if (unlikely(!tag || tag >= c->nr_tags)) {
		*next = *cs;
		return sip_contract_refuse(c->c, cs, side, tag, has_block, why);
	}
	r = &c->rows[tag];
	/*
	 * A reply with nothing open wraps to U32_MAX, and one request too many
	 * is max_open + 1: both above max_open.
	 */
	open = cs->open + (u32)(s32)r->delta;
	next->open = open;
	next->state = r->to;
	if (unlikely((r->side != side) | (r->from != cs->state) | (open > cs->max_open) |
		     (r->payload == (has_block ? SIP_PAYLOAD_NONE : SIP_PAYLOAD_REQUIRED))))
		return sip_contract_refuse(c->c, cs, side, tag, has_block, why);
	return 0;
}

#endif /* _SIPDRV_CONTRACT_H */
