// SPDX-License-Identifier: GPL-2.0
/* Verifying the handlers of a parsed SIP image (see image_verify.h). */
#include "platform.h"
#include "image_verify.h"

/* This kernel's contracts, from include/sipdrv/contracts.h. */
#define TAG_NAME(tag, ...) \
	[SIP_##tag] = #tag,
#define TAG_NAMES(C, id) static const char *const C##_tags[] = { "", SIP_CONTRACT_##C##_MSGS(TAG_NAME) };
SIP_CONTRACTS(TAG_NAMES)

static const struct {
	const char *name;
	u64 hash;
	const char *const *tags;
	u32 nr_tags;
	u32 sends[2];		/* by enum sip_side */
} contracts[] = {
#define CONTRACT(C, id)								\
	{ SIP_CONTRACT_##C##_NAME, SIP_CONTRACT_##C##_HASH, C##_tags, ARRAY_SIZE(C##_tags), \
	  { [SIP_CLIENT] = SIP_CONTRACT_SENDS(C, SIP_CLIENT),			\
	    [SIP_SERVER] = SIP_CONTRACT_SENDS(C, SIP_SERVER) } },
	SIP_CONTRACTS(CONTRACT)
#undef CONTRACT
};

void sip_vchan_from_manifest(struct sip_vchan *c, const struct sip_manifest_chan *mc)
{
	u32 i;

	memset(c, 0, sizeof(*c));
	c->contract = mc->contract;
	c->side = mc->side;
	for (i = 0; i < ARRAY_SIZE(contracts); i++) {
		if (contracts[i].hash != mc->contract_hash)
			continue;
		c->contract = contracts[i].name;
		c->tag_names = contracts[i].tags;
		c->nr_tags = contracts[i].nr_tags;
		c->sends = mc->side < 2 ? contracts[i].sends[mc->side] : 0;
	}
}

static const char *entry_line_of(const void *cookie, u32 insn, u32 *line)
{
	const struct sip_entry_lines *l = cookie;

	return sip_image_line_of(l->view, l->base + insn, line);
}

void sip_vprog_from_image(struct sip_vprog *p, const struct sip_image_view *v,
			  const struct sip_image_entry *e, struct sip_entry_lines *lines)
{
	u32 i;

	memset(p, 0, sizeof(*p));
	lines->view = v;
	lines->base = e->insn_off;
	p->insns = v->insns + e->insn_off;
	p->len = e->insn_cnt;
	p->kind = e->kind;
	p->data_size = v->data_size;
	p->rodata_size = v->rodata_size;
	p->rodata = v->rodata;
	p->rodata_const = v->rodata_size;
	p->nr_slots = v->manifest->nr_slots;
	p->nr_channels = v->manifest->nr_channels;
	for (i = 0; i < p->nr_channels && i < SIP_MAX_CHANNELS; i++)
		sip_vchan_from_manifest(&p->chans[i], &v->manifest->chans[i]);
	p->line_of = entry_line_of;
	p->cookie = lines;
}
