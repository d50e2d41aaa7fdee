// SPDX-License-Identifier: GPL-2.0
/* Contract tables from include/sipdrv/contracts.h, and the check of a send. */
#include "contract.h"

#define ROW(tag, s, f, t, d, p) \
	[SIP_##tag] = { .name = #tag, .side = s, .from = SIP_##f, .to = SIP_##t, .delta = d, .payload = p },
#define STATE_NAME(st) \
	[SIP_##st] = #st,

static const struct sip_contract_row block_rows[] = { SIP_CONTRACT_BLOCK_MSGS(ROW) };
static const char *const block_states[] = { SIP_CONTRACT_BLOCK_STATES(STATE_NAME) };
static const struct sip_contract_row ping_rows[] = { SIP_CONTRACT_PING_MSGS(ROW) };
static const char *const ping_states[] = { SIP_CONTRACT_PING_STATES(STATE_NAME) };

const struct sip_contract sip_contract_block = {
	.name = SIP_CONTRACT_BLOCK_NAME,
	.id = SIP_CONTRACT_BLOCK_ID,
	.hash = SIP_CONTRACT_BLOCK_HASH,
	.nr_tags = SIP_BLK_NR_TAGS,
	.nr_states = SIP_BLK_NR_STATES,
	.rows = block_rows,
	.state_names = block_states,
};

const struct sip_contract sip_contract_ping = {
	.name = SIP_CONTRACT_PING_NAME,
	.id = SIP_CONTRACT_PING_ID,
	.hash = SIP_CONTRACT_PING_HASH,
	.nr_tags = SIP_PING_NR_TAGS,
	.nr_states = SIP_PING_NR_STATES,
	.rows = ping_rows,
	.state_names = ping_states,
};

_Static_assert(SIP_BLK_NR_TAGS <= SIP_CONTRACT_MAX_TAGS && SIP_PING_NR_TAGS <= SIP_CONTRACT_MAX_TAGS,
	       "a channel keeps every row of its contract");

int sip_contract_rules_init(struct sip_contract_rules *r, const struct sip_contract *c)
{
	u32 found[2] = { 0, 0 }, i;

	if (c->nr_tags > SIP_CONTRACT_MAX_TAGS)
		return -EINVAL;
	memset(r, 0, sizeof(*r));
	r->c = c;
	r->nr_tags = c->nr_tags;
	for (i = 0; i < c->nr_tags; i++) {
		const struct sip_contract_row *row = &c->rows[i];
		u32 s = row->side & 1;

		r->rows[i] = *row;
		if (!i || row->from != row->to || !row->delta || row->payload != SIP_PAYLOAD_OPTIONAL)
			continue;
		if (!found[s]++) {
			r->fast[s].tag = i;
			r->fast[s].state = row->from;
			r->fast[s].delta = row->delta;
		}
	}
	for (i = 0; i < 2; i++)
		if (found[i] != 1) {	/* none, or more than one: no tag and no state matches */
			r->fast[i].tag = ~0u;
			r->fast[i].state = ~0u;
		}
	return 0;
}

static const struct sip_contract *const contracts[] = {
	&sip_contract_block,
	&sip_contract_ping,
};

const struct sip_contract *sip_contract_find(const char *name)
{
	u32 i;

	for (i = 0; i < ARRAY_SIZE(contracts); i++)
		if (!strcmp(contracts[i]->name, name))
			return contracts[i];
	return NULL;
}

sip_cold int sip_contract_refuse(const struct sip_contract *c, const struct sip_contract_state *cs,
				 u32 side, u32 tag, bool has_block, const char **why)
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
	if (r->delta < 0) {
		*why = "a reply without a request";
		return -EPROTO;
	}
	*why = "too many open requests";
	return -EAGAIN;
}
