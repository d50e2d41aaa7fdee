// SPDX-License-Identifier: GPL-2.0
/*
 * The verifier's scalar domain: known bits (tnum) plus signed and unsigned
 * 64-bit intervals, kept consistent with each other; the transfer function
 * of every ALU operation and the refinement that a branch gives.
 */
#include "vstate.h"

static u64 umin_(u64 a, u64 b) { return a < b ? a : b; }
static u64 umax_(u64 a, u64 b) { return a > b ? a : b; }
static s64 smin_(s64 a, s64 b) { return a < b ? a : b; }
static s64 smax_(s64 a, s64 b) { return a > b ? a : b; }

void vreg_not_init(struct vreg *r)
{
	memset(r, 0, sizeof(*r));
}

void vreg_unknown(struct vreg *r)
{
	memset(r, 0, sizeof(*r));
	r->type = VT_SCALAR;
	r->var = TNUM_UNKNOWN;
	r->smin = S64_MIN_;
	r->smax = S64_MAX_;
	r->umin = 0;
	r->umax = U64_MAX_;
}

void vreg_const(struct vreg *r, u64 v)
{
	memset(r, 0, sizeof(*r));
	r->type = VT_SCALAR;
	r->var = tnum_const(v);
	r->smin = r->smax = (s64)v;
	r->umin = r->umax = v;
}

bool vreg_is_const(const struct vreg *r)
{
	return r->type == VT_SCALAR && tnum_is_const(r->var);
}

/* Each of the three views narrows the others, twice over. */
bool vreg_sync(struct vreg *r)
{
	int round;

	/* A constant within its bounds: every view becomes the constant. */
	if (!r->var.mask && r->umin <= r->var.value && r->umax >= r->var.value &&
	    r->smin <= (s64)r->var.value && r->smax >= (s64)r->var.value) {
		r->umin = r->umax = r->var.value;
		r->smin = r->smax = (s64)r->var.value;
		return true;
	}
	for (round = 0; round < 2; round++) {
		struct tnum t, var = r->var;
		u64 umin = r->umin, umax = r->umax;
		s64 smin = r->smin, smax = r->smax;

		r->umin = umax_(r->umin, r->var.value);
		r->umax = umin_(r->umax, r->var.value | r->var.mask);
		r->smin = smax_(r->smin, (s64)(r->var.value | (r->var.mask & (1ull << 63))));
		r->smax = smin_(r->smax, (s64)(r->var.value | (r->var.mask & ~(1ull << 63))));
		/* A signed range within one sign is an unsigned range too. */
		if (r->smin >= 0 || r->smax < 0) {
			r->umin = umax_(r->umin, (u64)r->smin);
			r->umax = umin_(r->umax, (u64)r->smax);
		}
		/* An unsigned range within one half is a signed range too. */
		if (!((r->umin ^ r->umax) >> 63)) {
			r->smin = smax_(r->smin, (s64)r->umin);
			r->smax = smin_(r->smax, (s64)r->umax);
		}
		if (r->umin > r->umax || r->smin > r->smax)
			return false;
		if (!tnum_intersect(r->var, tnum_range(r->umin, r->umax), &t))
			return false;
		r->var = t;
		/* The bounds themselves must be values the known bits allow. */
		if (!tnum_min_ge(r->var, r->umin, &r->umin) || !tnum_max_le(r->var, r->umax, &r->umax))
			return false;
		/* A round that changed nothing is a fixed point: the next would too. */
		if (r->umin == umin && r->umax == umax && r->smin == smin && r->smax == smax &&
		    r->var.value == var.value && r->var.mask == var.mask)
			break;
	}
	return true;
}

/* An unknown value of @bytes bytes, zero- or sign-extended to 64 bits. */
void vreg_bounded(struct vreg *r, u8 bytes, bool sign)
{
	vreg_unknown(r);
	if (bytes >= 8)
		return;
	if (sign) {
		r->smin = -(1ll << (bytes * 8 - 1));
		r->smax = (1ll << (bytes * 8 - 1)) - 1;
	} else {
		r->umax = (1ull << (bytes * 8)) - 1;
		r->var = TNUM(0, r->umax);
	}
	vreg_sync(r);
}

/* The low 32 bits, zero-extended, of every value r may hold. */
void vreg_zext32(struct vreg *r)
{
	u64 lo = r->umin, hi = r->umax;

	r->var = tnum_cast(r->var, 4);
	r->id = 0;
	if ((lo >> 32) == (hi >> 32)) {
		r->umin = (u32)lo;
		r->umax = (u32)hi;
	} else {
		r->umin = 0;
		r->umax = U32_MAX_;
	}
	r->smin = 0;
	r->smax = (s64)U32_MAX_;
	vreg_sync(r);
}

bool vreg_scalar_covers(const struct vreg *old, const struct vreg *cur)
{
	return old->umin <= cur->umin && old->umax >= cur->umax &&
	       old->smin <= cur->smin && old->smax >= cur->smax && tnum_in(old->var, cur->var);
}

/* The first threshold at or above v (signed or unsigned order), else @none. */
static u64 th_above(const struct vthresholds *th, u64 v, bool sign, u64 none)
{
	u64 best = none;
	u32 i;

	for (i = 0; i < th->n; i++) {
		u64 t = (u64)th->v[i];

		if (sign ? (s64)t >= (s64)v && (s64)t < (s64)best : t >= v && t < best)
			best = t;
	}
	return best;
}

static u64 th_below(const struct vthresholds *th, u64 v, bool sign, u64 none)
{
	u64 best = none;
	u32 i;

	for (i = 0; i < th->n; i++) {
		u64 t = (u64)th->v[i];

		if (sign ? (s64)t <= (s64)v && (s64)t > (s64)best : t <= v && t > best)
			best = t;
	}
	return best;
}

/*
 * Known bits that differ become unknown, and so does every bit above the
 * highest unknown one: a counter loses one known bit per visit otherwise,
 * and its known high zeros would hold the widened bounds down (a loop of
 * 2^64 visits); low known bits (alignment) stay.
 */
static struct tnum widen_bits(struct tnum old, struct tnum cur)
{
	struct tnum u = tnum_union(old, cur);
	u64 open;

	if ((u.value == old.value && u.mask == old.mask) || !u.mask)
		return u;
	open = ~((1ull << (63 - __builtin_clzll(u.mask))) - 1);
	u.mask |= open;
	u.value &= ~open;
	return u;
}

/*
 * Bounds that moved since old go to the next threshold in their direction
 * (the constants the program compares with, the sizes of its regions), or
 * to the end of their range: there are finitely many, so loops converge,
 * and a loop "for (i = 0; i != 248; i += 2)" stops at 248, not at infinity.
 * Only the numbers: the caller decides which of old's links (id, zid) hold
 * in cur too and may be kept.
 */
void vreg_scalar_widen(struct vreg *old, const struct vreg *cur, const struct vthresholds *th)
{
	if (cur->umin < old->umin)
		old->umin = th_below(th, cur->umin, false, 0);
	if (cur->umax > old->umax)
		old->umax = th_above(th, cur->umax, false, U64_MAX_);
	if (cur->smin < old->smin)
		old->smin = (s64)th_below(th, (u64)cur->smin, true, (u64)S64_MIN_);
	if (cur->smax > old->smax)
		old->smax = (s64)th_above(th, (u64)cur->smax, true, (u64)S64_MAX_);
	old->var = widen_bits(old->var, cur->var);
	if (!vreg_sync(old))
		vreg_unknown(old);
}

static void alu_add(struct vreg *d, const struct vreg *s)
{
	s64 smin, smax;
	u64 umin = d->umin + s->umin, umax = d->umax + s->umax;

	if (__builtin_add_overflow(d->smin, s->smin, &smin) ||
	    __builtin_add_overflow(d->smax, s->smax, &smax)) {
		d->smin = S64_MIN_;
		d->smax = S64_MAX_;
	} else {
		d->smin = smin;
		d->smax = smax;
	}
	if (umin < d->umin || umax < d->umax) {	/* wrapped */
		d->umin = 0;
		d->umax = U64_MAX_;
	} else {
		d->umin = umin;
		d->umax = umax;
	}
	d->var = tnum_add(d->var, s->var);
}

static void alu_sub(struct vreg *d, const struct vreg *s)
{
	s64 smin, smax;

	if (__builtin_sub_overflow(d->smin, s->smax, &smin) ||
	    __builtin_sub_overflow(d->smax, s->smin, &smax)) {
		d->smin = S64_MIN_;
		d->smax = S64_MAX_;
	} else {
		d->smin = smin;
		d->smax = smax;
	}
	if (d->umin < s->umax) {	/* may wrap below zero */
		d->umin = 0;
		d->umax = U64_MAX_;
	} else {
		d->umin -= s->umax;
		d->umax -= s->umin;
	}
	d->var = tnum_sub(d->var, s->var);
}

static void alu_mul(struct vreg *d, const struct vreg *s)
{
	struct tnum var = tnum_mul(d->var, s->var);

	if (d->umax <= U32_MAX_ && s->umax <= U32_MAX_) {
		d->umin *= s->umin;
		d->umax *= s->umax;
	} else {
		d->umin = 0;
		d->umax = U64_MAX_;
	}
	d->smin = S64_MIN_;
	d->smax = S64_MAX_;
	d->var = var;
}

static void alu_div(struct vreg *d, const struct vreg *s)
{
	/* x / 0 is 0 and x / k <= x: never more than the dividend. */
	if (s->umin) {
		d->umin /= s->umax;
		d->umax /= s->umin;
	} else {
		d->umin = 0;
	}
	d->smin = S64_MIN_;
	d->smax = S64_MAX_;
	d->var = TNUM_UNKNOWN;
}

static void alu_mod(struct vreg *d, const struct vreg *s)
{
	/* x % 0 is x; otherwise below the divisor. */
	if (s->umin)
		d->umax = umin_(d->umax, s->umax - 1);
	d->umin = 0;
	d->smin = S64_MIN_;
	d->smax = S64_MAX_;
	d->var = TNUM_UNKNOWN;
}

static void alu_and(struct vreg *d, const struct vreg *s)
{
	d->var = tnum_and(d->var, s->var);
	d->umax = umin_(d->umax, s->umax);
	d->umin = 0;
	d->smin = S64_MIN_;
	d->smax = S64_MAX_;
}

static void alu_or(struct vreg *d, const struct vreg *s)
{
	d->var = tnum_or(d->var, s->var);
	d->umin = umax_(d->umin, s->umin);
	d->umax = U64_MAX_;
	d->smin = S64_MIN_;
	d->smax = S64_MAX_;
}

static void alu_xor(struct vreg *d, const struct vreg *s)
{
	d->var = tnum_xor(d->var, s->var);
	d->umin = 0;
	d->umax = U64_MAX_;
	d->smin = S64_MIN_;
	d->smax = S64_MAX_;
}

static void shift_unknown(struct vreg *d)
{
	vreg_unknown(d);
}

static void alu_lsh(struct vreg *d, const struct vreg *s, u8 width)
{
	u8 k;

	if (!vreg_is_const(s))
		return shift_unknown(d);
	k = s->var.value & (width - 1);
	d->var = tnum_lshift(d->var, k);
	if (k && (d->umax >> (64 - k))) {
		d->umin = 0;
		d->umax = U64_MAX_;
	} else {
		d->umin <<= k;
		d->umax <<= k;
	}
	d->smin = S64_MIN_;
	d->smax = S64_MAX_;
}

static void alu_rsh(struct vreg *d, const struct vreg *s, u8 width)
{
	u8 k;

	if (!vreg_is_const(s))
		return shift_unknown(d);
	k = s->var.value & (width - 1);
	d->var = tnum_rshift(d->var, k);
	d->umin >>= k;
	d->umax >>= k;
	d->smin = S64_MIN_;
	d->smax = S64_MAX_;
}

static void alu_arsh(struct vreg *d, const struct vreg *s, u8 width)
{
	u8 k;

	if (!vreg_is_const(s))
		return shift_unknown(d);
	k = s->var.value & (width - 1);
	if (width == 32) {
		/* On the 32-bit value: only a known non-negative one stays precise. */
		if (d->umax <= 0x7fffffff)
			return alu_rsh(d, s, width);
		d->var = tnum_cast(tnum_arshift(d->var, k, 32), 4);
		d->umin = 0;
		d->umax = U32_MAX_;
		d->smin = S64_MIN_;
		d->smax = S64_MAX_;
		return;
	}
	d->var = tnum_arshift(d->var, k, 64);
	d->smin >>= k;
	d->smax >>= k;
	d->umin = 0;
	d->umax = U64_MAX_;
}

/* Sign-extends the low @bits of d (movsx). */
static void alu_movsx(struct vreg *d, const struct vreg *s, u8 bits)
{
	u64 half = 1ull << (bits - 1);

	if (vreg_is_const(s)) {
		u64 v = s->var.value & ((half << 1) - 1);

		vreg_const(d, (v ^ half) - half);
		return;
	}
	if (s->umax < half) {		/* non-negative in the narrow type: unchanged */
		*d = *s;
		d->id = 0;
		return;
	}
	vreg_unknown(d);
	d->smin = -(s64)half;
	d->smax = (s64)half - 1;
}

static void alu_end(struct vreg *d, u8 bytes)
{
	vreg_bounded(d, bytes, false);
}

void vreg_alu(struct vreg *dst, const struct vreg *src, u8 op, bool alu32, s16 off)
{
	struct vreg s = *src;

	if (alu32) {
		vreg_zext32(dst);
		vreg_zext32(&s);
	}
	dst->id = 0;
	switch (op) {
	case SIP_ADD:
		alu_add(dst, &s);
		break;
	case SIP_SUB:
		alu_sub(dst, &s);
		break;
	case SIP_MUL:
		alu_mul(dst, &s);
		break;
	case SIP_DIV:
		if (off)	/* signed */
			vreg_unknown(dst);
		else
			alu_div(dst, &s);
		break;
	case SIP_MOD:
		if (off)
			vreg_unknown(dst);
		else
			alu_mod(dst, &s);
		break;
	case SIP_OR:
		alu_or(dst, &s);
		break;
	case SIP_AND:
		alu_and(dst, &s);
		break;
	case SIP_XOR:
		if (vreg_is_const(&s) && s.var.value == (alu32 ? U32_MAX_ : U64_MAX_)) {
			/* ~x is (2^w - 1) - x: a subtraction keeps the intervals exact */
			alu_sub(&s, dst);
			*dst = s;
			break;
		}
		alu_xor(dst, &s);
		break;
	case SIP_LSH:
		alu_lsh(dst, &s, alu32 ? 32 : 64);
		break;
	case SIP_RSH:
		alu_rsh(dst, &s, alu32 ? 32 : 64);
		break;
	case SIP_ARSH:
		alu_arsh(dst, &s, alu32 ? 32 : 64);
		break;
	case SIP_NEG: {
		struct vreg zero;

		vreg_const(&zero, 0);
		alu_sub(&zero, dst);
		*dst = zero;
		break;
	}
	case SIP_MOV:
		if (off)
			alu_movsx(dst, &s, (u8)off);
		else
			*dst = s;
		break;
	case SIP_END:
		alu_end(dst, (u8)(off / 8));	/* off carries the width here */
		break;
	default:
		vreg_unknown(dst);
		break;
	}
	dst->type = VT_SCALAR;
	dst->zid = 0;		/* check_alu keeps it where zero stays zero */
	if (op != SIP_MOV || off)
		dst->id = 0;
	if (!vreg_sync(dst))
		vreg_unknown(dst);	/* cannot happen for sound inputs; stay safe */
	if (alu32)
		vreg_zext32(dst);
}

/* The 32-bit views of a comparison, when they are exact. */
static bool view32(const struct vreg *r, struct vreg *out, bool sign)
{
	*out = *r;
	vreg_zext32(out);
	if (!sign)
		return true;
	/* As s32: exact only when every value is non-negative. */
	return out->umax <= 0x7fffffff;
}

static int known_unsigned(u8 op, u64 amin, u64 amax, u64 bmin, u64 bmax)
{
	switch (op) {
	case SIP_JGT:
		return amin > bmax ? 1 : amax <= bmin ? 0 : -1;
	case SIP_JGE:
		return amin >= bmax ? 1 : amax < bmin ? 0 : -1;
	case SIP_JLT:
		return amax < bmin ? 1 : amin >= bmax ? 0 : -1;
	case SIP_JLE:
		return amax <= bmin ? 1 : amin > bmax ? 0 : -1;
	}
	return -1;
}

static int known_signed(u8 op, s64 amin, s64 amax, s64 bmin, s64 bmax)
{
	switch (op) {
	case SIP_JSGT:
		return amin > bmax ? 1 : amax <= bmin ? 0 : -1;
	case SIP_JSGE:
		return amin >= bmax ? 1 : amax < bmin ? 0 : -1;
	case SIP_JSLT:
		return amax < bmin ? 1 : amin >= bmax ? 0 : -1;
	case SIP_JSLE:
		return amax <= bmin ? 1 : amin > bmax ? 0 : -1;
	}
	return -1;
}

static bool is_signed_op(u8 op)
{
	return op == SIP_JSGT || op == SIP_JSGE || op == SIP_JSLT || op == SIP_JSLE;
}

int vreg_branch_known(const struct vreg *a0, const struct vreg *b0, u8 op, bool jmp32)
{
	struct vreg a = *a0, b = *b0;
	struct tnum t;

	if (jmp32) {
		/* Decided on the low 32 bits; signed compares need exact views. */
		if (!view32(a0, &a, is_signed_op(op)) || !view32(b0, &b, is_signed_op(op)))
			return -1;
	}
	switch (op) {
	case SIP_JEQ:
	case SIP_JNE: {
		int eq = -1;

		if (vreg_is_const(&a) && vreg_is_const(&b))
			eq = a.var.value == b.var.value;
		else if (a.umax < b.umin || b.umax < a.umin || a.smax < b.smin || b.smax < a.smin ||
			 !tnum_intersect(a.var, b.var, &t))
			eq = 0;
		if (eq < 0)
			return -1;
		return op == SIP_JEQ ? eq : !eq;
	}
	case SIP_JSET:
		if ((a.var.value & b.var.value) != 0)
			return 1;
		if (!((a.var.value | a.var.mask) & (b.var.value | b.var.mask)))
			return 0;
		return -1;
	case SIP_JSGT:
	case SIP_JSGE:
	case SIP_JSLT:
	case SIP_JSLE:
		return known_signed(op, a.smin, a.smax, b.smin, b.smax);
	default:
		return known_unsigned(op, a.umin, a.umax, b.umin, b.umax);
	}
}

u8 vreg_negate(u8 op)
{
	static const u8 neg[16] = {
		[SIP_JEQ >> 4] = SIP_JNE, [SIP_JNE >> 4] = SIP_JEQ,
		[SIP_JGT >> 4] = SIP_JLE, [SIP_JLE >> 4] = SIP_JGT,
		[SIP_JGE >> 4] = SIP_JLT, [SIP_JLT >> 4] = SIP_JGE,
		[SIP_JSGT >> 4] = SIP_JSLE, [SIP_JSLE >> 4] = SIP_JSGT,
		[SIP_JSGE >> 4] = SIP_JSLT, [SIP_JSLT >> 4] = SIP_JSGE,
	};

	return neg[op >> 4];
}

static bool refine_ne(struct vreg *a, const struct vreg *b)
{
	u64 v;

	if (!vreg_is_const(b))
		return true;
	v = b->var.value;
	if (a->umin == v)
		a->umin++;
	if (a->umax == v)
		a->umax--;
	if (a->smin == (s64)v)
		a->smin++;
	if (a->smax == (s64)v)
		a->smax--;
	return true;
}

/* a op b holds (op not JSET); narrows both. */
static bool refine64(struct vreg *a, struct vreg *b, u8 op)
{
	struct tnum t;

	switch (op) {
	case SIP_JEQ:
		if (!tnum_intersect(a->var, b->var, &t))
			return false;
		a->var = b->var = t;
		a->umin = b->umin = umax_(a->umin, b->umin);
		a->umax = b->umax = umin_(a->umax, b->umax);
		a->smin = b->smin = smax_(a->smin, b->smin);
		a->smax = b->smax = smin_(a->smax, b->smax);
		break;
	case SIP_JNE:
		refine_ne(a, b);
		refine_ne(b, a);
		break;
	case SIP_JGT:	/* a > b */
		if (b->umin == U64_MAX_ || a->umax == 0)
			return false;
		a->umin = umax_(a->umin, b->umin + 1);
		b->umax = umin_(b->umax, a->umax - 1);
		break;
	case SIP_JGE:
		a->umin = umax_(a->umin, b->umin);
		b->umax = umin_(b->umax, a->umax);
		break;
	case SIP_JLT:
		return refine64(b, a, SIP_JGT);
	case SIP_JLE:
		return refine64(b, a, SIP_JGE);
	case SIP_JSGT:
		if (b->smin == S64_MAX_ || a->smax == S64_MIN_)
			return false;
		a->smin = smax_(a->smin, b->smin + 1);
		b->smax = smin_(b->smax, a->smax - 1);
		break;
	case SIP_JSGE:
		a->smin = smax_(a->smin, b->smin);
		b->smax = smin_(b->smax, a->smax);
		break;
	case SIP_JSLT:
		return refine64(b, a, SIP_JSGT);
	case SIP_JSLE:
		return refine64(b, a, SIP_JSGE);
	}
	return vreg_sync(a) && vreg_sync(b);
}

static bool refine_jset(struct vreg *a, const struct vreg *b, bool taken)
{
	if (!vreg_is_const(b))
		return true;
	if (!taken) {
		/* a & b == 0: b's bits are known zero in a. */
		a->var.value &= ~b->var.value;
		a->var.mask &= ~b->var.value;
	} else if (b->var.value && !(b->var.value & (b->var.value - 1))) {
		a->var.value |= b->var.value;
		a->var.mask &= ~b->var.value;
	}
	return vreg_sync(a);
}

bool vreg_refine(struct vreg *a, struct vreg *b, u8 op, bool jmp32, bool taken)
{
	struct vreg a32, b32;

	if (op == SIP_JSET) {
		if (jmp32 && (a->umax > U32_MAX_ || b->umax > U32_MAX_))
			return true;
		return refine_jset(a, b, taken) && refine_jset(b, a, taken);
	}
	if (!taken)
		op = vreg_negate(op);
	if (!jmp32)
		return refine64(a, b, op);
	/*
	 * 32-bit compares narrow the 64-bit values only when both fit the
	 * compared view exactly; otherwise they teach nothing (still sound).
	 */
	if (!view32(a, &a32, is_signed_op(op)) || !view32(b, &b32, is_signed_op(op)))
		return true;
	if (a->umax > U32_MAX_ || b->umax > U32_MAX_) {
		/* Only the low halves are known to compare: check feasibility. */
		return refine64(&a32, &b32, op);
	}
	return refine64(a, b, op);
}
