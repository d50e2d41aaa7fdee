// SPDX-License-Identifier: GPL-2.0
/*
 * The verifier's helper-call checks: each helper's prototype (from
 * SIP_HELPERS), its arguments against it (memory, blocks, constants,
 * formats, a send's tag against the channel's contract), and what the
 * call does to the state (blocks acquired, sent or freed, r0).
 */
#include "vcheck.h"
#include "printk_fmt.h"

#define MAX_MEM_ARG SIP_MEM_ARG_MAX	/* bytes a helper may be asked to read or write */
#define SEND_ERR_MIN (-4095)	/* sip_send returns 0 or -errno */

struct helper_proto {
	const char *name;
	u8 ret;
	u8 args[5];
	u32 entries;
};

static const struct helper_proto helper_protos[SIP_HELPER__END] = {
#define PROTO_(nr, nm, r, a1, a2, a3, a4, a5, ent, doc)		\
	[nr] = { .name = "sip_" #nm, .ret = r, .args = { a1, a2, a3, a4, a5 }, .entries = ent },
/* One more expansion turns the _A1()..._A4() shorthands into five arguments. */
#define PROTO(nr, nm, ctype, params, r, ...) PROTO_(nr, nm, r, __VA_ARGS__)
	SIP_HELPERS(PROTO)
#undef PROTO
#undef PROTO_
};

static const char *const entry_names[] = {
	[SIP_ENTRY_INIT] = "an init", [SIP_ENTRY_MSG] = "a msg", [SIP_ENTRY_IRQ] = "an irq",
	[SIP_ENTRY_EXIT] = "an exit",
};

/*
 * Memory [p, p + size) a helper reads (SIP_ARG_MEM_RO), reads and writes
 * (_RW), or fills (_WO: every byte of it, whatever the call returns). A
 * size in [umin, umax] must fit at umax; a fill writes at least umin bytes,
 * and may write any of the rest.
 */
static int check_helper_mem(struct venv *env, struct vstate *st, u32 pc, u8 pregno, u8 sregno,
			    u8 kind, const char *name)
{
	/* Copies: growing the frame below may move the registers. */
	struct vreg pv = *reg(st, pregno), sv = *reg(st, sregno), *p = &pv, *s = &sv;
	bool reads = kind != SIP_ARG_MEM_WO, writes = kind != SIP_ARG_MEM_RO;
	struct vframe *fr;
	u64 span;
	s64 o, i;
	int ret;

	if (s->type != VT_SCALAR)
		return verr(env, pc, "argument %u of %s (the size, %s) must be a number", sregno, name,
			    regname(sregno));
	if (s->umax > MAX_MEM_ARG)
		return verr(env, pc, "%s: size %s may be %llu, more than the %u a helper takes: bound it first",
			    name, regname(sregno), s->umax, MAX_MEM_ARG);
	if (!s->umax)
		return 0;
	ret = vcheck_block_usable(env, st, pc, pregno);
	if (ret)
		return ret;
	switch (p->type) {
	case VT_STACK:
		ret = vstack_range(env, st, pc, p, 0, s->umax, &o, &span, &fr);
		if (ret)
			return ret;
		for (i = o; reads && i < o + (s64)span; i++) {
			if (*byte_of(fr, i) == VB_INVALID)
				return verr(env, pc, "%s reads uninitialised stack (off %lld, size %llu)",
					    name, (long long)o, s->umax);
			if (*byte_of(fr, i) == VB_SPILL && slot_of(fr, i)->spill.type != VT_SCALAR)
				return verr(env, pc, "pointer leak: %s would read a spilled pointer", name);
		}
		if (!writes)
			return 0;
		if (kind == SIP_ARG_MEM_RW) {
			/* Every byte was written already (read above): it stays a number. */
			vstack_clobber(fr, o, span, s->umax);
			return 0;
		}
		/*
		 * A fill may reach any byte of the span, so no spill there
		 * survives; only [smax, smin + umin) is written on every path.
		 */
		vstack_clobber(fr, o, span, 0);
		vstack_clobber(fr, o, span - s->umax + s->umin, s->umin);
		return 0;
	case VT_DATA:
	case VT_RODATA:
	case VT_BLOCK:
		return vcheck_region(env, st, pc, p, 0, s->umax, writes ? ACC_WRITE : ACC_READ,
				     vreg_is_const(s) ? 0 : s->id);
	default:
		return verr(env, pc, "argument %u of %s (%s: %s) must point to memory", pregno, name,
			    regname(pregno), vtype_name(p->type));
	}
}

/* The register holding the size of memory argument @i: the next SIP_ARG_SIZE. */
static u8 mem_size_regno(const struct helper_proto *h, u32 i)
{
	while (++i < 5 && h->args[i] != SIP_ARG_SIZE)
		;
	return (u8)(i + 1);
}

/*
 * A format (SIP_ARG_FMT) in @regno: a constant pointer to a format in the
 * read-only data, whose bytes the verifier has (they never change), parsed
 * as the helper will parse it; then the arguments after it, one per
 * conversion: a number (a channel handle is one too), or for %s a pointer
 * into the read-only data (the helper prints up to a NUL or its end).
 */
static int check_format(struct venv *env, struct vstate *st, u32 pc, u8 regno, const char *name)
{
	const struct vreg *f = reg(st, regno);
	const u32 size = env->prog->rodata_const;
	struct sip_pf pf;
	char why[128];
	u32 k;

	if (f->type != VT_RODATA || f->smin != f->smax)
		return verr(env, pc, "argument %u of %s (%s: %s) must be a constant string in read-only data (a string literal)",
			    regno, name, regname(regno), vtype_name(f->type));
	if (!env->prog->rodata || !size)
		return verr(env, pc, "%s: the read-only data's bytes are not known here: the format cannot be checked",
			    name);
	if (f->smin < 0 || f->smin >= size)
		return verr(env, pc, "%s: the format (off %lld) is outside the read-only data (size %u)",
			    name, (long long)f->smin, size);
	if (sip_pf_parse((const char *)env->prog->rodata + f->smin, size - (u32)f->smin, &pf, why,
			 sizeof(why)))
		return verr(env, pc, "%s: format: %s", name, why);
	for (k = 0; k < pf.nr; k++) {
		u8 a = (u8)(regno + 1 + k);
		const struct vreg *r = reg(st, a);
		char conv = pf.conv[k].conv;

		if (r->type == VT_GONE)
			return vreport_gone(env, pc, a, r);
		if (r->type == VT_NOT_INIT)
			return verr(env, pc, "%s: the format's conversion %u (%%%c) prints %s, which is not set",
				    name, k + 1, conv, regname(a));
		if (pf.conv[k].kind != SIP_PF_STR) {
			if (r->type != VT_SCALAR && r->type != VT_CHAN)
				return verr(env, pc, "pointer leak: %s: conversion %u (%%%c) would print %s (%s) as a number",
					    name, k + 1, conv, regname(a), vtype_name(r->type));
			continue;
		}
		if (r->type != VT_RODATA)
			return verr(env, pc, "%s: conversion %u (%%s) prints a string of the read-only data, not %s (%s)",
				    name, k + 1, regname(a), vtype_name(r->type));
		if (r->smin < 0 || r->smax >= (s64)size)
			return verr(env, pc, "%s: conversion %u (%%s): %s may point outside the read-only data (off [%lld, %lld], size %u)",
				    name, k + 1, regname(a), (long long)r->smin, (long long)r->smax, size);
	}
	return 0;
}

static int check_block_arg(struct venv *env, struct vstate *st, u32 pc, u8 regno, bool nullable,
			   const char *name, u32 *id)
{
	struct vreg *r = reg(st, regno);
	struct vref *ref;

	*id = 0;
	if (nullable && is_zero(r))
		return 0;
	if (r->type != VT_BLOCK && !(nullable && r->type == VT_BLOCK_OR_NULL))
		return verr(env, pc, "argument %u of %s (%s: %s) must be an owned block%s", regno, name,
			    regname(regno), vtype_name(r->type), nullable ? " or NULL" : "");
	if (r->smin || r->smax)
		return verr(env, pc, "argument %u of %s must point to the start of its block (off %lld)",
			    regno, name, (long long)r->smin);
	ref = vref_find(st, r->id);
	if (!ref)
		return verr(env, pc, "argument %u of %s is not an owned block", regno, name);
	if (ref->state == VREF_PENDING)
		return verr(env, pc, "%s may have been sent (sip_send at insn %u): test the result first",
			    regname(regno), ref->sent_at);
	*id = r->id;
	return 0;
}

static int check_const_arg(struct venv *env, const struct vreg *r, u32 pc, u32 helper, u8 regno,
			   const char *name)
{
	u64 v;

	/* A slot may be chosen at run time, within the declared ones. */
	if (helper == SIP_HELPER_slot_xchg && r->type == VT_SCALAR && !vreg_is_const(r)) {
		if (r->umax >= env->prog->nr_slots)
			return verr(env, pc, "%s: slot %s may be up to %llu (the manifest declares %u)",
				    name, regname(regno), r->umax, env->prog->nr_slots);
		return 0;
	}
	if (!vreg_is_const(r))
		return verr(env, pc, "argument %u of %s (%s) must be a constant", regno, name,
			    regname(regno));
	v = r->var.value;
	if (helper == SIP_HELPER_slot_xchg && v >= env->prog->nr_slots)
		return verr(env, pc, "%s: slot %llu out of range (the manifest declares %u)", name, v,
			    env->prog->nr_slots);
	if (helper == SIP_HELPER_chan && v >= env->prog->nr_channels)
		return verr(env, pc, "%s: channel %llu out of range (the manifest declares %u)", name,
			    v, env->prog->nr_channels);
	if ((helper == SIP_HELPER_io_read && regno == 3) || (helper == SIP_HELPER_io_write && regno == 4))
		if (v != 1 && v != 2 && v != 4 && v != 8)
			return verr(env, pc, "%s: width %llu must be 1, 2, 4 or 8", name, v);
	return 0;
}

/* "0, 2, 3": the channels of a set. */
static void chan_list(u32 chans, char *buf, u32 size)
{
	u32 k, n = 0;

	buf[0] = 0;
	for (k = 0; k < SIP_MAX_CHANNELS && n < size; k++)
		if (chans & (1u << k))
			n += sip_snprintf(buf + n, size - n, "%s%u", n ? ", " : "", k);
}

/* Why the driver may not send @tag on channel @k (not allowed there). */
static int refuse_tag(struct venv *env, u32 pc, u64 tag, u32 k)
{
	const struct sip_vchan *c = &env->prog->chans[k];

	if (!c->contract || !c->contract[0])
		return verr(env, pc, "sip_send: tag %llu cannot be sent on channel %u: the manifest names no contract for it",
			    tag, k);
	if (!c->tag_names)
		return verr(env, pc, "sip_send: tag %llu cannot be sent on channel %u: its contract '%s' is unknown to this kernel",
			    tag, k, c->contract);
	if (!tag || tag >= c->nr_tags)
		return verr(env, pc, "sip_send: tag %llu is not a message of contract %s (channel %u)",
			    tag, c->contract, k);
	return verr(env, pc, "sip_send: tag %llu (%s) is not a message the %s may send on channel %u (contract %s)",
		    tag, c->tag_names[tag], c->side == SIP_SERVER ? "server" : "client", k,
		    c->contract);
}

/*
 * A constant tag must be one the driver's side of the contract sends, on
 * at least one channel the handle may be; whether the channel's state
 * allows it is known at run time only (so are variable tags).
 */
static int check_send_tag(struct venv *env, struct vstate *st, u32 pc)
{
	const struct vreg *chan = reg(st, 1), *tag = reg(st, 2);
	char list[32];
	u64 t;
	u32 k;

	if (!vreg_is_const(tag))
		return 0;
	t = tag->var.value;
	for (k = 0; k < env->prog->nr_channels && k < SIP_MAX_CHANNELS; k++)
		if ((chan->chans & (1u << k)) && t < 32 && (env->prog->chans[k].sends & (1u << t)))
			return 0;
	if (!chan->chans)
		return verr(env, pc, "sip_send: tag %llu cannot be sent: the manifest declares no channel",
			    t);
	if (!(chan->chans & (chan->chans - 1))) {
		for (k = 0; !(chan->chans & (1u << k)); k++)
			;
		return refuse_tag(env, pc, t, k);
	}
	chan_list(chan->chans, list, sizeof(list));
	return verr(env, pc, "sip_send: tag %llu is not a message the driver may send on any channel r1 may be (%s)",
		    t, list);
}

int vcheck_helper_call(struct venv *env, struct vstate *st, u32 pc, const struct sip_insn *insn)
{
	const struct helper_proto *h;
	u32 nr = (u32)insn->imm, free_id = 0, send_id = 0, keep_id = 0, chan_index = 0, i;
	u64 alloc_min = 0;
	u32 alloc_var = 0;
	struct vreg *r0;
	int ret;

	if (nr == SIP_HELPER_TRAP && (env->prog->flags & SIP_VF_REWRITTEN)) {
		for (i = 1; i <= 5; i++)
			vreg_not_init(reg(st, i));
		vreg_unknown(reg(st, 0));
		return 0;
	}
	if (env->prog->kind == SIP_VKIND_RAW)
		return verr(env, pc, "helper calls are not allowed in a raw program (call %d)", insn->imm);
	if (nr >= SIP_HELPER__END || !helper_protos[nr].name)
		return verr(env, pc, "call to unknown helper %d", insn->imm);
	h = &helper_protos[nr];
	if (!(h->entries & (1u << env->prog->kind)))
		return verr(env, pc, "%s is not allowed in %s handler", h->name,
			    entry_names[env->prog->kind]);
	for (i = 0; i < 5 && h->args[i] != SIP_ARG_NONE; i++) {
		u8 regno = (u8)(i + 1);
		struct vreg *r = reg(st, regno);

		if (h->args[i] == SIP_ARG_SIZE || h->args[i] == SIP_ARG_FMT_ARG)
			continue;	/* checked with its memory argument, or its format */
		if (r->type == VT_GONE)
			return vreport_gone(env, pc, regno, r);
		if (r->type == VT_NOT_INIT)
			return verr(env, pc, "argument %u of %s (%s) is not set", regno, h->name,
				    regname(regno));
		switch (h->args[i]) {
		case SIP_ARG_SCALAR:
			if (r->type != VT_SCALAR)
				return verr(env, pc, "pointer leak: argument %u of %s (%s: %s) must be a number",
					    regno, h->name, regname(regno), vtype_name(r->type));
			if (nr == SIP_HELPER_block_alloc) {
				alloc_min = r->umin;
				alloc_var = vreg_is_const(r) ? 0 : r->id;
			}
			break;
		case SIP_ARG_CONST:
			ret = check_const_arg(env, r, pc, nr, regno, h->name);
			if (ret)
				return ret;
			break;
		case SIP_ARG_MEM_RO:
		case SIP_ARG_MEM_RW:
			ret = check_helper_mem(env, st, pc, regno, mem_size_regno(h, i),
					       h->args[i], h->name);
			if (ret)
				return ret;
			break;
		case SIP_ARG_MEM_WO:
			break;	/* after every read: a fill must not make a source look written */
		case SIP_ARG_FMT:
			ret = check_format(env, st, pc, regno, h->name);
			if (ret)
				return ret;
			break;
		case SIP_ARG_BLOCK:
			ret = check_block_arg(env, st, pc, regno, false, h->name, &keep_id);
			if (ret)
				return ret;
			break;
		case SIP_ARG_BLOCK_FREE:
			ret = check_block_arg(env, st, pc, regno, true, h->name, &free_id);
			if (ret)
				return ret;
			break;
		case SIP_ARG_BLOCK_SEND:
			ret = check_block_arg(env, st, pc, regno, true, h->name, &send_id);
			if (ret)
				return ret;
			break;
		case SIP_ARG_CHAN:
			if (r->type != VT_CHAN)
				return verr(env, pc, "argument %u of %s (%s: %s) must be a channel handle",
					    regno, h->name, regname(regno), vtype_name(r->type));
			break;
		case SIP_ARG_CTX:
			if (r->type != VT_CTX || r->smin || r->smax)
				return verr(env, pc, "argument %u of %s (%s: %s) must be the handler's context",
					    regno, h->name, regname(regno), vtype_name(r->type));
			break;
		}
	}

	for (i = 0; i < 5; i++) {
		if (h->args[i] != SIP_ARG_MEM_WO)
			continue;
		ret = check_helper_mem(env, st, pc, (u8)(i + 1), mem_size_regno(h, i), h->args[i],
				       h->name);
		if (ret)
			return ret;
	}
	if (nr == SIP_HELPER_send) {
		ret = check_send_tag(env, st, pc);
		if (ret)
			return ret;
	}
	if (nr == SIP_HELPER_chan)
		chan_index = (u32)reg(st, 1)->var.value;	/* a constant, checked */

	/* The call's effects: released blocks, then r0, then r1-r5 are gone. */
	if (free_id)
		vref_release(st, free_id, nr == SIP_HELPER_slot_xchg ? VGONE_SLOT : VGONE_FREED, pc);
	for (i = 1; i <= 5; i++)
		vreg_not_init(reg(st, i));
	r0 = reg(st, 0);
	switch (h->ret) {
	case SIP_RET_SEND:
		vreg_unknown(r0);
		r0->smin = SEND_ERR_MIN;
		r0->smax = 0;
		vreg_sync(r0);
		if (send_id) {
			struct vref *ref = vref_find(st, send_id);

			r0->id = new_id(env);
			r0->zid = r0->id;
			ref->state = VREF_PENDING;
			ref->pending_id = r0->zid;
			ref->sent_at = pc;
		}
		break;
	case SIP_RET_BLOCK_OR_NULL: {
		/* The message's block has msg->block_size bytes, an allocation its size. */
		bool msg = nr == SIP_HELPER_msg_block;
		u32 id = 0;

		ret = vref_acquire(env, st, pc, msg ? st->msg_min : alloc_min,
				   msg ? VID_MSG_SIZE : 0, &id);
		if (ret)
			return ret;
		if (alloc_var)
			vrel_add_range(env, st, st->refs[st->nr_refs - 1].mid << 1, alloc_var << 1, 0, 0);
		vreg_not_init(r0);
		r0->type = VT_BLOCK_OR_NULL;
		r0->id = id;
		break;
	}
	case SIP_RET_BLOCK_SIZE: {
		struct vref *ref = vref_find(st, keep_id);

		/*
		 * A size may shrink under a running handler (a lent block
		 * taken back has size 0), so every call is a new number that
		 * owes nothing to size_min; but it is never more than the
		 * bytes the block has mapped until the run ends (its mid):
		 * refining it up raises size_min (vrel_reduce()), and an
		 * index below it is within the block.
		 */
		vreg_unknown(r0);
		r0->umax = VBLOCK_MAX;
		vreg_sync(r0);
		r0->id = new_id(env);
		vrel_add(env, st, r0->id << 1, ref->mid << 1, 0);
		break;
	}
	case SIP_RET_CHAN:
		vreg_not_init(r0);
		r0->type = VT_CHAN;
		r0->chans = (u16)(1u << chan_index);
		break;
	case SIP_RET_ERR:
		vreg_unknown(r0);
		r0->smin = SEND_ERR_MIN;
		r0->smax = 0;
		vreg_sync(r0);
		break;
	case SIP_RET_U32:
		vreg_unknown(r0);
		r0->umax = U32_MAX_;
		vreg_sync(r0);
		break;
	default:
		vreg_unknown(r0);
		break;
	}
	return 0;
}
