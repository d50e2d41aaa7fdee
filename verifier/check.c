// SPDX-License-Identifier: GPL-2.0
/*
 * The verifier's walk along one path (vrun_path): each instruction checked
 * against the abstract state (vstate.h) at that point, which it advances,
 * forking at undecided branches. Memory accesses are mem.c's, helper calls
 * calls.c's; pruning, widening and the work list of paths are explore.c's.
 */
#include "vcheck.h"

#define MAX_PTR_OFF VPTR_OFF_MAX
#define MAX_PTR_ADD ((s64)VBLOCK_MAX)	/* a value added to a pointer: at most a block's size */

enum step_result {
	STEP_NEXT,		/* st->pc was updated; go on */
	STEP_DONE,		/* the path ended (exit of the handler, or infeasible) */
};

/* ---- references: owned blocks ---- */

struct vref *vref_find(struct vstate *st, u32 id)
{
	u32 i;

	for (i = 0; i < st->nr_refs; i++)
		if (st->refs[i].id == id)
			return &st->refs[i];
	return NULL;
}

/* A new owned block, of @size_min bytes at least; @mid: its size's variable (0: a new one). */
int vref_acquire(struct venv *env, struct vstate *st, u32 pc, u64 size_min, u32 mid,
		  u32 *id)
{
	struct vref *r;

	if (st->nr_refs >= VMAX_REFS)
		return verr(env, pc, "too many blocks owned at once (limit %d)", VMAX_REFS);
	r = &st->refs[st->nr_refs++];
	memset(r, 0, sizeof(*r));
	r->id = *id = new_id(env);
	r->mid = mid ? mid : new_id(env);
	r->size_min = size_min;
	r->acquired_at = pc;
	return 0;
}

/* Calls fn on every register and spilled register of every frame. */
#define for_each_reg(st, r, body)						\
	do {									\
		u32 f_, i_;							\
		for (f_ = 0; f_ < (st)->nr_frames; f_++) {			\
			struct vframe *fr_ = (st)->frames[f_];			\
			for (i_ = 0; i_ < VNR_REGS; i_++) {			\
				struct vreg *r = &fr_->regs[i_];		\
				body;						\
			}							\
			for (i_ = 0; i_ < fr_->nr_slots; i_++) {		\
				struct vreg *r;					\
				if (fr_->slots[i_].bytes[0] != VB_SPILL)	\
					continue;				\
				r = &fr_->slots[i_].spill;			\
				body;						\
				if (r->type == VT_NOT_INIT)			\
					memset(fr_->slots[i_].bytes, VB_INVALID, 8); \
			}							\
		}								\
	} while (0)

/*
 * The block is given up: every copy of its pointer dies with it, remembering
 * why and where so that a later use can say so.
 */
void vref_release(struct vstate *st, u32 id, enum vgone why, u32 pc)
{
	struct vref *r = vref_find(st, id);

	for_each_reg(st, x, {
		if ((x->type == VT_BLOCK || x->type == VT_BLOCK_OR_NULL) && x->id == id) {
			vreg_not_init(x);
			x->type = VT_GONE;
			x->id = id;
			x->umin = why;
			x->smin = pc;
		}
	});
	if (r)
		*r = st->refs[--st->nr_refs];
}

/* A NULL check settled: the pointer (and its copies) is a block, or 0. */
static void mark_null_check(struct vstate *st, u32 id, bool is_null)
{
	if (is_null) {
		for_each_reg(st, x, {
			if (x->type == VT_BLOCK_OR_NULL && x->id == id)
				vreg_const(x, 0);
		});
		vref_release(st, id, VGONE_FREED, 0);	/* no copy is left to mark */
		return;
	}
	for_each_reg(st, x, {
		if (x->type == VT_BLOCK_OR_NULL && x->id == id)
			x->type = VT_BLOCK;
	});
}

/*
 * What a refined scalar teaches: its copies get the same bounds, a check of
 * msg->block_size raises what is known of it and of the message's block,
 * and a tested send result decides whether the block was sent. (What its
 * relations teach is vrel_reduce()'s.)
 */
static void links_propagate(struct vstate *st, const struct vreg *src)
{
	u32 i;

	if (src->type != VT_SCALAR || (!src->id && !src->zid))
		return;
	if (src->id) {
		for_each_reg(st, x, {
			if (x->type == VT_SCALAR && x->id == src->id && x != src) {
				x->var = src->var;
				x->smin = src->smin;
				x->smax = src->smax;
				x->umin = src->umin;
				x->umax = src->umax;
			}
		});
	}
	if (src->id == VID_MSG_SIZE && src->umin > st->msg_min)
		st->msg_min = src->umin;
	for (i = 0; i < st->nr_refs; i++) {
		struct vref *r = &st->refs[i];

		if (r->mid == VID_MSG_SIZE && st->msg_min > r->size_min)
			r->size_min = st->msg_min;
		if (r->state == VREF_PENDING && src->zid && r->pending_id == src->zid) {
			if (src->umin == 0 && src->umax == 0) {
				vref_release(st, r->id, VGONE_SENT, r->sent_at);
				i--;
			} else if (src->umin > 0) {
				r->state = VREF_OWNED;		/* failed: still ours */
				r->pending_id = 0;
			}
		}
	}
}

/* ---- registers ---- */

int vreport_gone(struct venv *env, u32 pc, u8 regno, const struct vreg *r)
{
	switch (r->umin) {
	case VGONE_SENT:
		return verr(env, pc, "%s points to a block sent at insn %lld: it belongs to the receiver now",
			    regname(regno), (long long)r->smin);
	case VGONE_SLOT:
		return verr(env, pc, "%s points to a block put in a slot at insn %lld: take it back with sip_slot_xchg",
			    regname(regno), (long long)r->smin);
	default:
		return verr(env, pc, "%s points to a block freed at insn %lld (use after free)",
			    regname(regno), (long long)r->smin);
	}
}

int vcheck_reg_init(struct venv *env, struct vstate *st, u32 pc, u8 regno)
{
	if (reg(st, regno)->type == VT_GONE)
		return vreport_gone(env, pc, regno, reg(st, regno));
	if (reg(st, regno)->type == VT_NOT_INIT)
		return verr(env, pc, "%s is read before it is written%s", regname(regno),
			    regno >= 1 && regno <= 5 ? " (a call leaves r1-r5 unset)" : "");
	return 0;
}

static int check_reg_write(struct venv *env, u32 pc, u8 regno)
{
	if (regno == SIP_REG_FP)
		return verr(env, pc, "r10 (the frame pointer) is read-only");
	if (regno == VREG_AUX && !(env->prog->flags & SIP_VF_REWRITTEN))
		return verr(env, pc, "invalid register r11");
	return 0;
}

/* A pending block may not be touched until the send's result is tested. */
int vcheck_block_usable(struct venv *env, struct vstate *st, u32 pc, u8 regno)
{
	struct vreg *r = reg(st, regno);
	struct vref *ref;

	if (r->type != VT_BLOCK && r->type != VT_BLOCK_OR_NULL)
		return 0;
	ref = vref_find(st, r->id);
	if (ref && ref->state == VREF_PENDING)
		return verr(env, pc, "%s may have been sent (sip_send at insn %u): test the result first",
			    regname(regno), ref->sent_at);
	return 0;
}

/* ---- instructions ---- */

static int check_ldx(struct venv *env, struct vstate *st, u32 pc, const struct sip_insn *insn)
{
	static const u8 sizes[4] = { [SIP_W >> 3] = 4, [SIP_H >> 3] = 2, [SIP_B >> 3] = 1,
				     [SIP_DW >> 3] = 8 };
	u8 size = sizes[SIP_SIZE(insn->code) >> 3];
	int ret;

	ret = check_reg_write(env, pc, insn->dst);
	if (!ret)
		ret = vcheck_mem(env, st, pc, insn->src, insn->off, size, ACC_READ, insn->dst,
				 SIP_MODE(insn->code) == SIP_MEMSX);
	return ret;
}

static int check_store(struct venv *env, struct vstate *st, u32 pc, const struct sip_insn *insn,
		    enum sip_op op)
{
	static const u8 sizes[4] = { [SIP_W >> 3] = 4, [SIP_H >> 3] = 2, [SIP_B >> 3] = 1,
				     [SIP_DW >> 3] = 8 };
	u8 size = sizes[SIP_SIZE(insn->code) >> 3];
	const struct sip_insn_desc *d = &sip_insn_descs[op];
	struct vreg *dreg = reg(st, insn->dst);
	int ret;

	if (d->fmt == SIP_FMT_ST) {
		/* An immediate: stored as a spilled constant when it fills a slot. */
		if (dreg->type == VT_STACK && size == 8) {
			struct vreg saved = *reg(st, 0), k;

			vreg_const(&k, (u64)(s64)insn->imm);
			*reg(st, 0) = k;	/* borrow r0 to carry the value */
			ret = vcheck_mem(env, st, pc, insn->dst, insn->off, size, ACC_WRITE, 0, false);
			*reg(st, 0) = saved;
			return ret;
		}
		return vcheck_mem(env, st, pc, insn->dst, insn->off, size, ACC_WRITE, 0xff, false);
	}
	ret = vcheck_reg_init(env, st, pc, insn->src);
	if (ret)
		return ret;
	if (d->fmt == SIP_FMT_STX)
		return vcheck_mem(env, st, pc, insn->dst, insn->off, size, ACC_WRITE, insn->src, false);

	/* Atomics: scalars only, natural alignment, fetches give back a number. */
	if (is_pointer(reg(st, insn->src)))
		return verr(env, pc, "pointer leak: atomic operation with a pointer (%s: %s)",
			    regname(insn->src), vtype_name(reg(st, insn->src)->type));
	if (dreg->type != VT_NOT_INIT && is_pointer(dreg) &&
	    (dreg->smin != dreg->smax || (dreg->smin + insn->off) % size))
		return verr(env, pc, "atomic access must be at a fixed, %u-byte aligned offset", size);
	if (op == SIP_OP_ACMPXCHG32 || op == SIP_OP_ACMPXCHG64) {
		ret = vcheck_reg_init(env, st, pc, 0);
		if (ret)
			return ret;
		if (is_pointer(reg(st, 0)))
			return verr(env, pc, "pointer leak: cmpxchg compares a pointer (r0)");
	}
	ret = vcheck_mem(env, st, pc, insn->dst, insn->off, size, ACC_ATOMIC, insn->src, false);
	if (ret)
		return ret;
	if (op == SIP_OP_ACMPXCHG32 || op == SIP_OP_ACMPXCHG64)
		vreg_bounded(reg(st, 0), size, false);
	else if (insn->imm & SIP_FETCH)
		vreg_bounded(reg(st, insn->src), size, false);
	return 0;
}

static int check_lddw(struct venv *env, struct vstate *st, u32 pc, const struct sip_insn *insn,
		   enum sip_op op)
{
	struct vreg *d = reg(st, insn->dst);
	u64 imm = sip_lddw_imm(insn);
	u32 size;
	int ret;

	ret = check_reg_write(env, pc, insn->dst);
	if (ret)
		return ret;
	if (op == SIP_OP_LDDW) {
		vreg_const(d, imm);
		return 0;
	}
	size = op == SIP_OP_LDDW_DATA ? env->prog->data_size : env->prog->rodata_size;
	if (imm > size)
		return verr(env, pc, "lddw: offset %llu is outside the %s (%u bytes)", imm,
			    op == SIP_OP_LDDW_DATA ? "private data" : "read-only data", size);
	vreg_not_init(d);
	d->type = op == SIP_OP_LDDW_DATA ? VT_DATA : VT_RODATA;
	d->smin = d->smax = (s64)imm;
	return 0;
}

/*
 * Pointer +/- scalar: the offset range moves by the scalar's, and the new
 * offset is related to the old one and to the scalar's value. @sreg: the
 * scalar's register if it keeps its value (NULL: it is overwritten).
 */
static int ptr_add(struct venv *env, struct vstate *st, u32 pc, struct vreg *p, struct vreg *s,
		   bool sub, u8 pregno, u8 sregno, struct vreg *sreg)
{
	struct vreg before = *p;
	s64 lo, hi;

	if (p->type == VT_BLOCK_OR_NULL)
		return verr(env, pc, "arithmetic on %s, which may be NULL (check it first)",
			    regname(pregno));
	if (p->type == VT_CHAN)
		return verr(env, pc, "arithmetic on a channel handle (%s)", regname(pregno));
	if (s->smin < -MAX_PTR_ADD || s->smax > MAX_PTR_ADD)
		return verr(env, pc, "pointer arithmetic with an unbounded value (%s): bound it first",
			    sregno < VNR_REGS ? regname(sregno) : "imm");
	if (p->smin < -MAX_PTR_OFF || p->smax > MAX_PTR_OFF)
		return verr(env, pc, "pointer offset out of range ([%lld, %lld])", (long long)p->smin,
			    (long long)p->smax);
	if (p->type == VT_CTX && s->smin != s->smax)
		return verr(env, pc, "variable offset into the context (%s)", regname(sregno));
	lo = sub ? p->smin - s->smax : p->smin + s->smin;
	hi = sub ? p->smax - s->smin : p->smax + s->smax;
	if (lo < -MAX_PTR_OFF || hi > MAX_PTR_OFF)
		return verr(env, pc, "pointer offset out of range ([%lld, %lld])", (long long)lo,
			    (long long)hi);
	p->smin = lo;
	p->smax = hi;
	vrel_ptr_add(env, st, p, &before, sreg ? sreg : s, sub, sreg != NULL);
	return 0;
}

static bool same_region(const struct vreg *a, const struct vreg *b)
{
	if (a->type != b->type)
		return false;
	if (a->type == VT_STACK)
		return a->frameno == b->frameno;
	if (a->type == VT_BLOCK)
		return a->id == b->id;
	return a->type == VT_DATA || a->type == VT_RODATA || a->type == VT_CTX;
}

/*
 * Is the result zero exactly when the input was, for every input value? Then
 * it still tells whether a send succeeded: clang turns "int err = send()"
 * into shifts or a 32-bit move before testing it.
 */
static bool keeps_zero(enum sip_op op, const struct sip_insn *insn, const struct vreg *in)
{
	bool fits33 = in->smin > -(1ll << 32) && in->smax < (1ll << 32);
	bool low32_zero = !((in->var.value | in->var.mask) & U32_MAX_);

	if (!in->zid)
		return false;
	switch (op) {
	case SIP_OP_MOV32_X:
		return fits33;
	case SIP_OP_LSH64_K:
		return insn->imm == 32 && fits33;
	case SIP_OP_RSH64_K:
	case SIP_OP_ARSH64_K:
		return insn->imm == 32 && low32_zero;
	case SIP_OP_NEG64:
		return true;
	default:
		return false;
	}
}

/*
 * Does scalar @r come out of "<<= 32" then @shift (">>= 32" or "s>>= 32")
 * as it went in: its value fits the unsigned (signed) 32-bit range?
 */
static bool fits_narrowing(const struct vreg *r, const struct sip_insn *shift)
{
	if (r->type != VT_SCALAR)
		return false;
	if (shift->code == (SIP_ALU64 | SIP_K | SIP_RSH))
		return r->umax <= U32_MAX_;
	if (shift->code == (SIP_ALU64 | SIP_K | SIP_ARSH))
		return r->smin >= -(1ll << 31) && r->smax < (1ll << 31);
	return false;
}

/*
 * "rX <<= 32; rX >>= 32" (or s>>=) is how clang narrows a 64-bit value to
 * an unsigned (signed) int; when the value already fits, the pair changes
 * nothing, and the register keeps its links (a block size stays one).
 */
static bool is_identity_narrowing(struct venv *env, struct vstate *st, u32 pc)
{
	const struct sip_insn *a = &env->prog->insns[pc], *b = a + 1;

	if (pc + 1 >= env->prog->len || (env->flags[pc + 1] & VI_PRUNE))
		return false;
	if (a->code != (SIP_ALU64 | SIP_K | SIP_LSH) || a->imm != 32 || a->off ||
	    b->dst != a->dst || b->imm != 32 || b->off)
		return false;
	return fits_narrowing(reg(st, a->dst), b);
}

/*
 * "rA <<= 32; rB = rA; rB >>= 32" (or s>>=): clang's unsigned (signed) int
 * zero- (sign-) extended into another register. When rA's value fits, rB
 * ends a copy of it as it was, linked to it; rA is shifted as usual.
 */
static bool is_copy_narrowing(struct venv *env, struct vstate *st, u32 pc)
{
	const struct sip_insn *a = &env->prog->insns[pc], *b = a + 1, *c = a + 2;

	if (pc + 2 >= env->prog->len || (env->flags[pc + 1] & VI_PRUNE) ||
	    (env->flags[pc + 2] & VI_PRUNE))
		return false;
	if (a->code != (SIP_ALU64 | SIP_K | SIP_LSH) || a->imm != 32 || a->off ||
	    b->code != (SIP_ALU64 | SIP_X | SIP_MOV) || b->src != a->dst || b->dst == a->dst ||
	    b->off || c->dst != b->dst || c->imm != 32 || c->off ||
	    b->dst == SIP_REG_FP || (b->dst == VREG_AUX && !(env->prog->flags & SIP_VF_REWRITTEN)))
		return false;
	return fits_narrowing(reg(st, a->dst), c);
}

static int check_alu(struct venv *env, struct vstate *st, u32 pc, const struct sip_insn *insn,
		  enum sip_op op)
{
	const struct sip_insn_desc *desc = &sip_insn_descs[op];
	u8 aop = SIP_OP(insn->code);
	/* Byte swaps take their width from imm, whatever their class. */
	bool alu32 = SIP_CLASS(insn->code) == SIP_ALU && aop != SIP_END;
	struct vreg *d = reg(st, insn->dst), s;
	u8 sregno = 0xff;
	s16 var = 0;
	int ret;

	ret = check_reg_write(env, pc, insn->dst);
	if (ret)
		return ret;
	if (desc->fmt == SIP_FMT_ALU_X) {
		ret = vcheck_reg_init(env, st, pc, insn->src);
		if (ret)
			return ret;
		s = *reg(st, insn->src);
		sregno = insn->src;
	} else {
		vreg_const(&s, alu32 ? (u32)insn->imm : (u64)(s64)insn->imm);
	}
	if (aop != SIP_MOV || desc->fmt == SIP_FMT_ALU_UN) {
		ret = vcheck_reg_init(env, st, pc, insn->dst);
		if (ret)
			return ret;
	}
	if (aop == SIP_MOV || aop == SIP_DIV || aop == SIP_MOD)
		var = insn->off;
	if (aop == SIP_END)
		var = (s16)insn->imm;
	if (op == SIP_OP_BSWAP16 || op == SIP_OP_BSWAP32 || op == SIP_OP_BSWAP64)
		var = (s16)insn->imm;

	/*
	 * A 64-bit register move copies anything; scalars get linked. So does
	 * a 32-bit one of a value that fits (clang's "u32 len = size").
	 */
	if (op == SIP_OP_MOV64_X ||
	    (op == SIP_OP_MOV32_X && s.type == VT_SCALAR && s.umax <= U32_MAX_)) {
		struct vreg *src = reg(st, insn->src);

		if (src->type == VT_SCALAR && !src->id && !vreg_is_const(src))
			src->id = new_id(env);
		*d = *src;
		return 0;
	}
	if (is_pointer(d) || is_pointer(&s)) {
		if (alu32 || (aop != SIP_ADD && aop != SIP_SUB && aop != SIP_MOV))
			return verr(env, pc, "pointer leak: %s on a pointer (%s: %s)", desc->mnem,
				    is_pointer(d) ? regname(insn->dst) : regname(sregno),
				    vtype_name(is_pointer(d) ? d->type : s.type));
		/* mov K: a number replaces the pointer; a movsx of one would leak it. */
		if (aop == SIP_MOV && desc->fmt == SIP_FMT_ALU_K)
			goto scalar;
		if (aop == SIP_MOV)
			return verr(env, pc, "pointer leak: %s of a pointer (%s: %s)", desc->mnem,
				    regname(sregno), vtype_name(s.type));
		if (is_pointer(d) && !is_pointer(&s))
			return ptr_add(env, st, pc, d, &s, aop == SIP_SUB, insn->dst, sregno,
				       sregno < VNR_REGS ? reg(st, sregno) : NULL);
		if (aop == SIP_ADD && !is_pointer(d)) {
			struct vreg sum = s, off = *d;

			ret = ptr_add(env, st, pc, &sum, &off, false, sregno, insn->dst, NULL);
			if (!ret)
				*d = sum;
			return ret;
		}
		if (aop == SIP_SUB && same_region(d, &s) && d->type != VT_CTX) {
			s64 lo = d->smin - s.smax, hi = d->smax - s.smin;

			vreg_unknown(d);
			d->smin = lo;
			d->smax = hi;
			vreg_sync(d);
			return 0;
		}
		return verr(env, pc, "pointer leak: %s between %s and %s", desc->mnem,
			    vtype_name(d->type), vtype_name(s.type));
	}
scalar: {
	struct vreg in = aop == SIP_MOV ? s : *d;

	vreg_alu(d, &s, aop, alu32, var);
	d->zid = keeps_zero(op, insn, &in) ? in.zid : 0;
	/* "x & 0xff" of a byte: the same value, the same links */
	if (aop == SIP_AND && desc->fmt == SIP_FMT_ALU_K && in.type == VT_SCALAR && in.id &&
	    !((s.var.value + 1) & s.var.value) && in.umax <= s.var.value) {
		d->id = in.id;
		return 0;
	}
	if (!var)
		vrel_alu(env, st, d, &in, &s, aop, alu32);
	return 0;
}
}

/* ---- branches ---- */

int vpush_state(struct venv *env, struct vstate *st)
{
	if (env->queue_len == env->queue_cap) {
		u32 cap = env->queue_cap ? env->queue_cap * 2 : 64;
		struct vstate **q = venv_alloc(env, cap * sizeof(*q));

		if (!q)
			return -ENOMEM;
		if (env->queue_len)
			memcpy(q, env->queue, env->queue_len * sizeof(*q));
		venv_free(env, env->queue);
		env->queue = q;
		env->queue_cap = cap;
	}
	env->queue[env->queue_len++] = st;
	return 0;
}

static bool is_nullable(const struct vreg *r)
{
	return r->type == VT_BLOCK_OR_NULL;
}

/*
 * Two pointers into one region compare as their offsets do, as signed
 * numbers: a region does not wrap, but an offset may be negative.
 */
static u8 ptr_cmp_op(u8 op)
{
	switch (op) {
	case SIP_JGT:
		return SIP_JSGT;
	case SIP_JGE:
		return SIP_JSGE;
	case SIP_JLT:
		return SIP_JSLT;
	case SIP_JLE:
		return SIP_JSLE;
	default:
		return op;
	}
}

/*
 * Evaluates a conditional jump on pointers. Returns 1 taken, 0 not taken, -1
 * both (then *null_id names a NULL check to settle in each branch).
 */
static int ptr_branch(struct venv *env, u32 pc, const struct sip_insn *insn,
		      struct vreg *a, struct vreg *b, u8 op, bool *ok, u32 *null_id)
{
	*ok = true;
	*null_id = 0;
	/* Channel handles are numbers to the driver: it may test which it got. */
	if ((a->type == VT_CHAN && b->type == VT_SCALAR) || (b->type == VT_CHAN && a->type == VT_SCALAR)) {
		if (op == SIP_JEQ || op == SIP_JNE)
			return -1;
	}
	if (op == SIP_JEQ || op == SIP_JNE) {
		struct vreg *p = is_pointer(a) ? a : b, *o = is_pointer(a) ? b : a;

		if (is_zero(o)) {
			if (is_nullable(p)) {
				*null_id = p->id;
				return -1;
			}
			return op == SIP_JNE;	/* a checked pointer is never NULL */
		}
	}
	if (is_pointer(a) && is_pointer(b) && same_region(a, b) && op != SIP_JSET &&
	    a->type != VT_BLOCK_OR_NULL) {
		struct vreg oa, ob;

		vreg_unknown(&oa);
		vreg_unknown(&ob);
		oa.smin = a->smin;
		oa.smax = a->smax;
		ob.smin = b->smin;
		ob.smax = b->smax;
		vreg_sync(&oa);
		vreg_sync(&ob);
		return vreg_branch_known(&oa, &ob, ptr_cmp_op(op), false);
	}
	*ok = false;
	return verr(env, pc, "pointer comparison: %s (%s) with %s (%s) is not allowed",
		    regname(insn->dst), vtype_name(a->type),
		    SIP_SRC(insn->code) == SIP_X ? regname(insn->src) : "imm", vtype_name(b->type));
}

/* Narrows same-region pointer offsets in a branch whose outcome is op. */
static bool ptr_refine(struct vreg *a, struct vreg *b, u8 op, bool taken)
{
	struct vreg oa, ob;

	vreg_unknown(&oa);
	vreg_unknown(&ob);
	oa.smin = a->smin;
	oa.smax = a->smax;
	ob.smin = b->smin;
	ob.smax = b->smax;
	if (!vreg_sync(&oa) || !vreg_sync(&ob) || !vreg_refine(&oa, &ob, ptr_cmp_op(op), false, taken))
		return false;
	/* Offsets are small and signed: the signed view is the one to keep. */
	a->smin = oa.smin;
	a->smax = oa.smax;
	b->smin = ob.smin;
	b->smax = ob.smax;
	return a->smin <= a->smax && b->smin <= b->smax;
}

static int check_cond_jump(struct venv *env, struct vstate *st, u32 pc, const struct sip_insn *insn,
			enum sip_op op)
{
	bool jmp32 = SIP_CLASS(insn->code) == SIP_JMP32, ok, src_x = SIP_SRC(insn->code) == SIP_X;
	u8 cop = SIP_OP(insn->code);
	u32 target = pc + 1 + insn->off, null_id = 0;
	struct vreg *a = reg(st, insn->dst), kb, *b;
	struct vstate *other;
	int known, ret;

	(void)op;
	ret = vcheck_reg_init(env, st, pc, insn->dst);
	if (ret)
		return ret;
	if (src_x) {
		ret = vcheck_reg_init(env, st, pc, insn->src);
		if (ret)
			return ret;
		b = reg(st, insn->src);
	} else {
		vreg_const(&kb, jmp32 ? (u32)insn->imm : (u64)(s64)insn->imm);
		b = &kb;
	}
	if (is_pointer(a) || is_pointer(b)) {
		if (jmp32)
			return verr(env, pc, "pointer comparison in 32 bits (%s: %s)",
				    regname(insn->dst), vtype_name(a->type));
		known = ptr_branch(env, pc, insn, a, b, cop, &ok, &null_id);
		if (!ok)
			return known;
	} else {
		known = vreg_branch_known(a, b, cop, jmp32);
	}
	if (known >= 0) {
		st->pc = known ? target : pc + 1;
		return STEP_NEXT;
	}

	/* Both ways are possible: the jump is explored later, fall through now. */
	other = vstate_copy(env, st);
	if (!other)
		return -ENOMEM;
	other->pc = target;
	st->pc = pc + 1;
	if (null_id) {
		bool jeq = cop == SIP_JEQ;

		mark_null_check(other, null_id, jeq);	/* jumped: JEQ 0 means NULL */
		mark_null_check(st, null_id, !jeq);
	} else {
		struct vstate *sides[2] = { other, st };
		int i;

		for (i = 0; i < 2; i++) {
			struct vreg *sa = reg(sides[i], insn->dst);
			struct vreg *sb = src_x ? reg(sides[i], insn->src) : &kb;
			struct vreg kcopy = kb;
			bool feasible;

			if (!src_x)
				sb = &kcopy;
			if (sa->type == VT_CHAN || sb->type == VT_CHAN)
				continue;	/* which channel: nothing to narrow */
			if (is_pointer(sa))
				feasible = ptr_refine(sa, sb, cop, i == 0) &&
					   vrel_branch(env, sides[i], sa, sb,
						       i == 0 ? ptr_cmp_op(cop) : vreg_negate(ptr_cmp_op(cop)),
						       false, true);
			else
				feasible = vreg_refine(sa, sb, cop, jmp32, i == 0);
			if (feasible && !is_pointer(sa)) {
				links_propagate(sides[i], sa);
				if (src_x)
					links_propagate(sides[i], sb);
				feasible = vrel_branch(env, sides[i], sa, sb,
						       i == 0 ? cop : vreg_negate(cop), jmp32, false) &&
					   vrodata_narrow(env, sides[i], sa) &&
					   (!src_x || vrodata_narrow(env, sides[i], sb));
			}
			if (!feasible) {
				/* This side cannot happen: drop it. */
				if (i == 0) {
					vstate_free(env, other);
					other = NULL;
				} else {
					st->pc = SIP_DIAG_NO_INSN;
				}
				continue;
			}
		}
	}
	if (other) {
		vpath_note(env, other, pc, 0xff);
		ret = vpush_state(env, other);
		if (ret) {
			vstate_free(env, other);
			return ret;
		}
	}
	if (st->pc == SIP_DIAG_NO_INSN)
		return STEP_DONE;
	return STEP_NEXT;
}

static int check_local_call(struct venv *env, struct vstate *st, u32 pc, const struct sip_insn *insn)
{
	u32 target = pc + 1 + insn->imm, i;
	struct vframe *caller = cur_frame(st), *callee;

	if (st->nr_frames >= SIP_MAX_CALL_DEPTH)
		return verr(env, pc, "too many nested calls (limit %d frames)", SIP_MAX_CALL_DEPTH);
	callee = vframe_new(env);
	if (!callee)
		return -ENOMEM;
	for (i = 1; i <= 5; i++)
		callee->regs[i] = caller->regs[i];
	callee->regs[VREG_AUX] = caller->regs[VREG_AUX];
	callee->regs[SIP_REG_FP].type = VT_STACK;
	callee->regs[SIP_REG_FP].frameno = (u8)st->nr_frames;
	callee->callsite = pc;
	callee->func = env->func_of[target];
	st->frames[st->nr_frames++] = callee;
	st->pc = target;
	return 0;
}

static int check_exit(struct venv *env, struct vstate *st, u32 pc)
{
	struct vframe *fr = cur_frame(st), *caller;
	struct vreg *r0 = &fr->regs[0];
	u32 i;

	if (r0->type == VT_GONE && st->nr_frames == 1)
		return vreport_gone(env, pc, 0, r0);
	if (r0->type == VT_NOT_INIT && st->nr_frames == 1)
		return verr(env, pc, "r0 is not set at exit");
	if (st->nr_frames > 1) {
		/* A function's r0 goes back as it is: unset if it returns nothing. */
		if (r0->type == VT_STACK && r0->frameno == st->nr_frames - 1)
			return verr(env, pc, "returning a pointer to the function's own stack");
		caller = st->frames[st->nr_frames - 2];
		caller->regs[0] = *r0;
		caller->regs[VREG_AUX] = fr->regs[VREG_AUX];
		for (i = 1; i <= 5; i++)
			vreg_not_init(&caller->regs[i]);
		st->pc = fr->callsite + 1;
		venv_free(env, fr);
		st->frames[--st->nr_frames] = NULL;
		return STEP_NEXT;
	}
	if (r0->type != VT_SCALAR)
		return verr(env, pc, "pointer leak: the handler returns a pointer (r0: %s)",
			    vtype_name(r0->type));
	for (i = 0; i < st->nr_refs; i++) {
		const struct vref *ref = &st->refs[i];
		const char *file = NULL;
		u32 line = 0;

		if (env->prog->line_of)
			file = env->prog->line_of(env->prog->cookie, ref->acquired_at, &line);
		if (ref->state == VREF_PENDING)
			return verr(env, pc, "the result of sip_send at insn %u is not tested: if the send failed the block is still owned",
				    ref->sent_at);
		if (file)
			return verr(env, pc, "block leak: the block from insn %u (%s:%u) is still owned at exit: free it, send it or keep it in a slot",
				    ref->acquired_at, file, line);
		return verr(env, pc, "block leak: the block from insn %u is still owned at exit: free it, send it or keep it in a slot",
			    ref->acquired_at);
	}
	return STEP_DONE;
}

static int step(struct venv *env, struct vstate *st)
{
	u32 pc = st->pc;
	const struct sip_insn *insn = &env->prog->insns[pc];
	enum sip_op op = env->ops[pc];
	const struct sip_insn_desc *d = &sip_insn_descs[op];
	u8 wrote = 0xff;
	int ret;

	switch (d->fmt) {
	case SIP_FMT_ALU_K:
	case SIP_FMT_ALU_X:
	case SIP_FMT_ALU_UN:
		if (is_identity_narrowing(env, st, pc)) {
			if (env->record)	/* one step: pc + 1 has no state of its own */
				env->record(env->record_cookie, pc + 1, NULL);
			st->pc = pc + 2;
			ret = 0;
			break;
		}
		if (is_copy_narrowing(env, st, pc)) {
			struct vreg *src = reg(st, insn->dst);

			if (!src->id && !vreg_is_const(src))
				src->id = new_id(env);
			*reg(st, insn[1].dst) = *src;
			ret = check_alu(env, st, pc, insn, op);
			if (env->record) {	/* one step: pc + 1, pc + 2 have no state of their own */
				env->record(env->record_cookie, pc + 1, NULL);
				env->record(env->record_cookie, pc + 2, NULL);
			}
			wrote = insn[1].dst;
			st->pc = pc + 3;
			break;
		}
		ret = check_alu(env, st, pc, insn, op);
		wrote = insn->dst;
		st->pc = pc + 1;
		break;
	case SIP_FMT_LDDW:
	case SIP_FMT_LDDW_PSEUDO:
		ret = check_lddw(env, st, pc, insn, op);
		wrote = insn->dst;
		st->pc = pc + 2;
		break;
	case SIP_FMT_LDX:
		ret = check_ldx(env, st, pc, insn);
		wrote = insn->dst;
		st->pc = pc + 1;
		break;
	case SIP_FMT_ST:
	case SIP_FMT_STX:
	case SIP_FMT_ATOMIC:
		ret = check_store(env, st, pc, insn, op);
		st->pc = pc + 1;
		break;
	case SIP_FMT_JA:
	case SIP_FMT_JA32:
		st->pc = (u32)sip_jump_target(insn, pc, op);
		ret = 0;
		break;
	case SIP_FMT_JMP_K:
	case SIP_FMT_JMP_X:
		ret = check_cond_jump(env, st, pc, insn, op);
		break;
	case SIP_FMT_CALL:
		ret = vcheck_helper_call(env, st, pc, insn);
		wrote = 0;
		st->pc = pc + 1;
		break;
	case SIP_FMT_CALL_LOCAL:
		ret = check_local_call(env, st, pc, insn);
		break;
	case SIP_FMT_EXIT:
		ret = check_exit(env, st, pc);
		break;
	case SIP_FMT_CALLX:
	default:
		ret = verr(env, pc, "%s through a register is not allowed", d->mnem);
		break;
	}
	if (ret >= 0)
		vpath_note(env, st, pc, wrote);
	return ret;
}

/* ---- one path ---- */

int vrun_path(struct venv *env, struct vstate *st)
{
	u32 pc;
	int ret;

	/* What the previous path explored since its last prune point. */
	env->cost[env->cost_from].insns += (u32)(env->processed - env->cost_mark);
	env->cost_from = st->pc;
	env->cost_mark = env->processed;
	for (;;) {
		if (env->flags[st->pc] & VI_PRUNE) {
			ret = vvisit(env, st);
			if (ret)
				return ret > 0 ? 0 : ret;
		}
		if (++env->processed > env->max_processed)
			return verr_limit(env, st->pc, VLIM_INSNS,
					  "program too complex: %llu instructions explored (limit %llu)",
					  env->processed - 1, env->max_processed);
		pc = st->pc;
		if (env->record)
			env->record(env->record_cookie, pc, st);
		ret = step(env, st);
		if (ret < 0) {
			st->pc = pc;
			vlog_failure(env, st);
			return ret;
		}
		if (ret == STEP_DONE)
			return 0;
	}
}
