// SPDX-License-Identifier: GPL-2.0
/*
 * The verifier's memory-access checks: a load, store or atomic through a
 * pointer to a handler's context, a block, the stack, private or read-only
 * data, checked against what the pointer may reach, and the value a read
 * yields.
 */
#include "vcheck.h"

#define MSG_BLOCK_SIZE_OFF 32	/* struct sip_msg's block_size */

struct ctx_field {
	s16 off;
	u8 size;
	u8 type;		/* VT_SCALAR or VT_CHAN */
};

static const struct ctx_field msg_fields[] = {
	{ 0, 4, VT_CHAN }, { 4, 4, VT_SCALAR }, { 8, 8, VT_SCALAR }, { 16, 8, VT_SCALAR },
	{ 24, 8, VT_SCALAR }, { 32, 8, VT_SCALAR },
};
static const struct ctx_field init_fields[] = {
	{ 0, 8, VT_SCALAR }, { 8, 8, VT_SCALAR }, { 16, 8, VT_SCALAR }, { 24, 8, VT_SCALAR },
	{ 32, 8, VT_SCALAR }, { 40, 8, VT_SCALAR }, { 48, 8, VT_SCALAR }, { 56, 8, VT_SCALAR },
};
static const struct ctx_field irq_fields[] = {
	{ 0, 4, VT_SCALAR }, { 8, 8, VT_SCALAR },
};

static const struct {
	const struct ctx_field *fields;
	u32 nr;
	const char *name;
} ctx_layouts[] = {
	[SIP_ENTRY_INIT] = { init_fields, ARRAY_SIZE(init_fields), "an init" },
	[SIP_ENTRY_MSG] = { msg_fields, ARRAY_SIZE(msg_fields), "a msg" },
	[SIP_ENTRY_IRQ] = { irq_fields, ARRAY_SIZE(irq_fields), "an irq" },
	[SIP_ENTRY_EXIT] = { init_fields, ARRAY_SIZE(init_fields), "an exit" },
};

static const char *const access_names[] = { "read", "write", "atomic access" };

static int check_ctx(struct venv *env, struct vstate *st, u32 pc, const struct vreg *base, s16 off,
		     u8 size, enum access acc, u8 dst, bool sign)
{
	const struct ctx_field *f;
	u32 i, kind = env->prog->kind;
	s64 o;

	if (acc != ACC_READ)
		return verr(env, pc, "the context is read-only (%s at off %d)", access_names[acc], off);
	if (base->smin != base->smax)
		return verr(env, pc, "variable offset into the context");
	o = base->smin + off;
	for (i = 0; i < ctx_layouts[kind].nr; i++) {
		f = &ctx_layouts[kind].fields[i];
		if (o != f->off)
			continue;
		if (size > f->size || (f->type == VT_CHAN && (size != f->size || sign)))
			break;
		if (f->type == VT_CHAN) {
			/* The message may have come on any channel. */
			vreg_not_init(reg(st, dst));
			reg(st, dst)->type = VT_CHAN;
			reg(st, dst)->chans = (u16)((1u << env->prog->nr_channels) - 1);
		} else if (kind == SIP_ENTRY_MSG && o == MSG_BLOCK_SIZE_OFF && size >= 4) {
			/*
			 * The runtime sets block_size before the run and never
			 * changes it; the block sip_msg_block() returns has that
			 * many bytes for the whole run (none, and NULL, when it
			 * was taken back before). Every read is one value: the
			 * message block's size (below 2^31: 4 bytes hold it).
			 */
			struct vreg *r = reg(st, dst);

			vreg_unknown(r);
			r->umin = st->msg_min;
			r->umax = VBLOCK_MAX;
			vreg_sync(r);
			r->id = VID_MSG_SIZE;
		} else {
			vreg_bounded(reg(st, dst), size, sign);
		}
		return 0;
	}
	return verr(env, pc, "invalid context access (off %lld, size %u) in %s handler",
		    (long long)o, size, ctx_layouts[kind].name);
}

static const char *region_name(u8 type)
{
	switch (type) {
	case VT_DATA:
		return "private data";
	case VT_RODATA:
		return "read-only data";
	case VT_BLOCK:
		return "exchange block";
	default:
		return vtype_name(type);
	}
}

/*
 * Do a block's relations put [base + off, base + off + size) within it?
 * @size_var: the variable of a size that is not a constant (0: none).
 */
static bool within_block(const struct vstate *st, const struct vreg *base, const struct vref *ref,
			 s16 off, u64 size, u32 size_var)
{
	u32 m = ref->mid << 1;

	if (size_var && base->smin == base->smax)
		return vrel_bound(st, size_var << 1, m) <= -(base->smin + off);
	if (size_var || !base->oid)
		return false;
	return vrel_bound(st, base->oid << 1, m) <= -((s64)off + (s64)size);
}

/*
 * An access of size bytes at base + off inside [0, limit); @size_var: for
 * a helper's size that is not a constant (size its largest value), its
 * variable.
 */
int vcheck_region(struct venv *env, struct vstate *st, u32 pc, const struct vreg *base,
		   s16 off, u64 size, enum access acc, u32 size_var)
{
	u64 limit;
	s64 lo = base->smin + off, hi = base->smax + off + (s64)size;
	struct vref *ref = NULL;

	switch (base->type) {
	case VT_DATA:
		limit = env->prog->data_size;
		break;
	case VT_RODATA:
		limit = env->prog->rodata_size;
		if (acc != ACC_READ)
			return verr(env, pc, "%s to read-only data", access_names[acc]);
		break;
	default:
		ref = vref_find(st, base->id);
		limit = ref ? ref->size_min : 0;
		break;
	}
	if (lo < 0 || (hi > (s64)limit && !(ref && within_block(st, base, ref, off, size, size_var)))) {
		const char *what = acc == ACC_READ ? "read of" : acc == ACC_WRITE ? "write to" :
				   "atomic access to";

		/*
		 * What to do about it: a block's size is known only after a
		 * check, and a check proves only what relations keep.
		 */
		const char *hint = base->type != VT_BLOCK ? "" :
			ref && vrel_mentions(st, ref->mid) ?
			": no check made bounds this offset by the block's size (sums of two values, products, quotients are not kept)" :
			limit ? ": compare the offset with the block's size first (i + c <= size; not *, / or sums of two values)" :
			": the block may be empty: compare the offset with its size first (i + c <= size; not *, / or sums of two values)";

		if (base->smin == base->smax)
			return verr(env, pc, "%s %s out of bounds (off %lld, size %llu, %s %llu)%s", what,
				    region_name(base->type), (long long)lo, size,
				    base->type == VT_BLOCK ? "block" : "size", limit, hint);
		return verr(env, pc, "%s %s out of bounds (off [%lld, %lld], size %llu, %s %llu)%s",
			    what, region_name(base->type), (long long)lo,
			    (long long)(base->smax + off), size,
			    base->type == VT_BLOCK ? "block" : "size", limit, hint);
	}
	return 0;
}

static u32 stack_limit(struct venv *env)
{
	return SIP_STACK_SIZE + (env->prog->flags & SIP_VF_REWRITTEN ? SIP_STACK_FRAME_EXTRA : 0);
}

/*
 * The frame a stack pointer refers to, checked and grown to cover every
 * byte an access of @size bytes at base + off may touch: [*o, *o + *span)
 * (*span is @size at a constant offset).
 */
int vstack_range(struct venv *env, struct vstate *st, u32 pc, const struct vreg *base,
		  s16 off, u64 size, s64 *o, u64 *span, struct vframe **fr)
{
	s64 lo;
	u32 need;

	lo = base->smin + off;
	*span = (u64)(base->smax - base->smin) + size;
	if (lo < -(s64)stack_limit(env) || lo + (s64)*span > 0) {
		if (base->smin == base->smax)
			return verr(env, pc, "stack access out of bounds (off %lld, size %llu): the stack is %u bytes",
				    (long long)lo, size, SIP_STACK_SIZE);
		return verr(env, pc, "stack access out of bounds (off [%lld, %lld], size %llu): the stack is %u bytes",
			    (long long)lo, (long long)(base->smax + off), size, SIP_STACK_SIZE);
	}
	need = (u32)((-lo + 7) / 8);
	if (vframe_grow(env, st, base->frameno, need))
		return -ENOMEM;
	*fr = st->frames[base->frameno];
	*o = lo;
	if ((u64)-lo > env->func_stack[(*fr)->func]) {
		env->func_stack[(*fr)->func] = (u32)-lo;
		env->func_stack_at[(*fr)->func] = pc;
	}
	return 0;
}

/*
 * @size bytes of scalar data are written somewhere in [o, o + span) (at a
 * variable offset when span > size): spills the range cuts are lost, and
 * only the bytes every such write covers, [o + span - size, o + size),
 * are known written; the others stay as they were.
 */
void vstack_clobber(struct vframe *fr, s64 o, u64 span, u64 size)
{
	s64 i, sure_lo = o + (s64)(span - size), sure_hi = o + (s64)size;

	for (i = o; i < o + (s64)span; i++) {
		struct vslot *s = slot_of(fr, i);

		if (s->bytes[0] == VB_SPILL) {
			/* The rest of a cut pointer must never be read as a number. */
			u8 rest = s->spill.type == VT_SCALAR ? VB_MISC : VB_INVALID;

			memset(s->bytes, rest, 8);
			vreg_not_init(&s->spill);
		}
		if (i >= sure_lo && i < sure_hi)
			*byte_of(fr, i) = VB_MISC;
	}
}

static int check_stack(struct venv *env, struct vstate *st, u32 pc, const struct vreg *base,
		       s16 off, u8 size, enum access acc, u8 regno, bool sign)
{
	struct vframe *fr;
	struct vslot *s;
	u64 span;
	s64 o, i;
	int ret;

	ret = vstack_range(env, st, pc, base, off, size, &o, &span, &fr);
	if (ret)
		return ret;
	s = slot_of(fr, o);
	if (acc == ACC_WRITE) {
		struct vreg *v = regno < VNR_REGS ? reg(st, regno) : NULL;

		if (v && is_pointer(v)) {
			if (span != size)
				return verr(env, pc, "a pointer (%s: %s) cannot be stored at a variable stack offset",
					    regname(regno), vtype_name(v->type));
			if (size != 8 || o % 8)
				return verr(env, pc, "partial spill of a pointer (%s: %s) to the stack",
					    regname(regno), vtype_name(v->type));
			/* Only a pointer into a newer frame could outlive its stack. */
			if (v->type == VT_STACK && v->frameno > base->frameno)
				return verr(env, pc, "storing a pointer to a callee's stack (%s) into an older frame: it would dangle",
					    regname(regno));
		}
		if (v && span == 8 && size == 8 && !(o % 8)) {
			vstack_clobber(fr, o, 8, 8);
			memset(s->bytes, VB_SPILL, 8);
			s->spill = *v;
			return 0;
		}
		vstack_clobber(fr, o, span, size);
		return 0;
	}
	/* Reads and atomics need every byte they may touch written; a whole spill fills back. */
	for (i = o; i < o + (s64)span; i++) {
		u8 b = *byte_of(fr, i);

		if (b == VB_INVALID && span != size)
			return verr(env, pc, "read of uninitialised stack (off [%lld, %lld], size %u): writes at a variable offset leave a byte unwritten unless each covers it; initialise the buffer first",
				    (long long)o, (long long)(o + (s64)(span - size)), size);
		if (b == VB_INVALID)
			return verr(env, pc, "read of uninitialised stack (off %lld, size %u)",
				    (long long)o, size);
		if (b == VB_SPILL && slot_of(fr, i)->spill.type != VT_SCALAR &&
		    (size != 8 || o % 8 || acc != ACC_READ || span != size))
			return verr(env, pc, "partial read of a spilled pointer (off %lld, size %u)",
				    (long long)o, size);
	}
	if (acc == ACC_ATOMIC) {
		vstack_clobber(fr, o, span, size);
		return 0;
	}
	if (span != size) {
		vreg_bounded(reg(st, regno), size, sign);
		return 0;
	}
	if (size == 8 && !(o % 8) && s->bytes[0] == VB_SPILL && !sign) {
		*reg(st, regno) = s->spill;
		return 0;
	}
	if (s->bytes[0] == VB_SPILL && vreg_is_const(&s->spill) && size == 8 && !(o % 8)) {
		*reg(st, regno) = s->spill;
		return 0;
	}
	vreg_bounded(reg(st, regno), size, sign);
	return 0;
}

#define RODATA_SCAN_MAX 4096	/* offsets a read of read-only data is evaluated at */

/*
 * A read of read-only data whose content is known: the constant it loads
 * (a string's byte, a table's entry), or the range of every value it may
 * load at the offsets it may have. False: the content is not known there.
 */
static bool rodata_read(struct venv *env, struct vreg *dst, const struct vreg *base, s16 off,
			u8 size, bool sign)
{
	const struct sip_vprog *p = env->prog;
	s64 lo = base->smin + off, hi = base->smax + off, o;
	u64 umin = U64_MAX_, umax = 0;
	s64 smin = S64_MAX_, smax = S64_MIN_;

	if (!p->rodata || lo < 0 || hi + size > (s64)p->rodata_const || hi - lo >= RODATA_SCAN_MAX)
		return false;
	for (o = lo; o <= hi; o++) {
		u64 v = 0;
		u32 i;

		for (i = 0; i < size; i++)	/* little-endian, as the ISA loads */
			v |= (u64)p->rodata[o + i] << (8 * i);
		if (sign && size < 8 && (v >> (8 * size - 1)) & 1)
			v |= ~0ull << (8 * size);
		umin = v < umin ? v : umin;
		umax = v > umax ? v : umax;
		smin = (s64)v < smin ? (s64)v : smin;
		smax = (s64)v > smax ? (s64)v : smax;
	}
	if (lo == hi) {
		vreg_const(dst, umin);
		return true;
	}
	vreg_bounded(dst, size, sign);
	dst->umin = umin;
	dst->umax = umax;
	dst->smin = smin;
	dst->smax = smax;
	if (!vreg_sync(dst))
		vreg_bounded(dst, size, sign);
	return true;
}

/*
 * A value read from read-only data at a variable offset keeps what it was
 * read from (st->rl): testing it then tells where the offset may be.
 */
static void rodata_link(struct venv *env, struct vstate *st, u8 bregno, u8 regno,
			const struct vreg *base, s16 off, u8 size, bool sign)
{
	struct vreg *dst = reg(st, regno);
	u32 oid = base->oid;

	if (!oid && bregno != regno)	/* an offset with no relations: its register's */
		oid = vrel_name(env, reg(st, bregno));
	if (!oid || vreg_is_const(dst))
		return;
	dst->id = new_id(env);
	st->rl = (struct vrload){ .id = dst->id, .oid = oid, .off = off, .size = size, .sign = sign };
}

/*
 * A test of a value read from read-only data (st->rl) narrows the offset it
 * was read at to the offsets whose data the value may still be: a walk of
 * a string stops at its NUL. False: no offset is left (infeasible).
 */
bool vrodata_narrow(struct venv *env, struct vstate *st, const struct vreg *v)
{
	const struct sip_vprog *p = env->prog;
	const struct vrload *rl = &st->rl;
	s64 lo, hi, o, first = 0, last = -1;

	if (!rl->id || v->type != VT_SCALAR || v->id != rl->id ||
	    !vrel_var_bounds(env, st, rl->oid, &lo, &hi))
		return true;
	if (lo + rl->off < 0 || hi + rl->off + rl->size > (s64)p->rodata_const ||
	    hi - lo >= RODATA_SCAN_MAX)
		return true;
	for (o = lo; o <= hi; o++) {
		u64 x = 0;
		u32 i;

		for (i = 0; i < rl->size; i++)
			x |= (u64)p->rodata[o + rl->off + i] << (8 * i);
		if (rl->sign && rl->size < 8 && (x >> (8 * rl->size - 1)) & 1)
			x |= ~0ull << (8 * rl->size);
		if (x < v->umin || x > v->umax || (s64)x < v->smin || (s64)x > v->smax ||
		    (x & ~v->var.mask) != v->var.value)
			continue;
		if (last < first)
			first = o;
		last = o;
	}
	if (last < first)
		return false;
	return vrel_narrow(env, st, rl->oid, first, last);
}

/*
 * A load, store or atomic through register @bregno. For loads @regno is the
 * destination; for stores the source (or 0xff for an immediate store).
 */
int vcheck_mem(struct venv *env, struct vstate *st, u32 pc, u8 bregno, s16 off, u8 size,
		enum access acc, u8 regno, bool sign)
{
	struct vreg base = *reg(st, bregno);
	int ret;

	ret = vcheck_reg_init(env, st, pc, bregno);
	if (ret)
		return ret;
	if (acc != ACC_READ && regno < VNR_REGS && is_pointer(reg(st, regno)) &&
	    base.type != VT_STACK)
		return verr(env, pc, "pointer leak: storing a pointer (%s: %s) into %s",
			    regname(regno), vtype_name(reg(st, regno)->type), region_name(base.type));
	ret = vcheck_block_usable(env, st, pc, bregno);
	if (ret)
		return ret;
	switch (base.type) {
	case VT_SCALAR:
		return verr(env, pc, "%s of memory through %s, which is a number, not a pointer",
			    access_names[acc], regname(bregno));
	case VT_CTX:
		return check_ctx(env, st, pc, &base, off, size, acc, regno, sign);
	case VT_STACK:
		return check_stack(env, st, pc, &base, off, size, acc, regno, sign);
	case VT_BLOCK_OR_NULL:
		return verr(env, pc, "%s may be NULL: check it before the %s", regname(bregno),
			    access_names[acc]);
	case VT_CHAN:
		return verr(env, pc, "%s is a channel handle, not a pointer", regname(bregno));
	default:
		break;
	}
	ret = vcheck_region(env, st, pc, &base, off, size, acc, 0);
	if (ret)
		return ret;
	if (acc == ACC_READ && base.type == VT_RODATA &&
	    rodata_read(env, reg(st, regno), &base, off, size, sign)) {
		if (base.smin != base.smax)
			rodata_link(env, st, bregno, regno, &base, off, size, sign);
		return 0;
	}
	if (acc == ACC_READ)
		vreg_bounded(reg(st, regno), size, sign);
	return 0;
}
