// SPDX-License-Identifier: GPL-2.0
/* Verifying the handlers of a parsed SIP image (see image_verify.h). */
#include "platform.h"
#include "image_verify.h"

static const char *entry_line_of(const void *cookie, u32 insn, u32 *line)
{
	const struct sip_entry_lines *l = cookie;

	return sip_image_line_of(l->view, l->base + insn, line);
}

void sip_vprog_from_image(struct sip_vprog *p, const struct sip_image_view *v,
			  const struct sip_image_entry *e, struct sip_entry_lines *lines)
{
	memset(p, 0, sizeof(*p));
	lines->view = v;
	lines->base = e->insn_off;
	p->insns = v->insns + e->insn_off;
	p->len = e->insn_cnt;
	p->kind = e->kind;
	p->data_size = v->data_size;
	p->rodata_size = v->rodata_size;
	p->nr_slots = v->manifest->nr_slots;
	p->nr_channels = v->manifest->nr_channels;
	p->line_of = entry_line_of;
	p->cookie = lines;
}
