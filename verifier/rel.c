// SPDX-License-Identifier: GPL-2.0
/*
 * Relations between values (struct vrel): octagonal constraints
 * +-x - +-y <= c between scalars, pointer offsets, the bytes a block has
 * mapped and msg->block_size. They hold what intervals lose: an index
 * below a length that is not a constant, a pointer's offset below its
 * block's size. The store is kept closed as relations are added, gives
 * intervals what it implies (reduction), and is compared for pruning and
 * joined for widening place by place: a register, a spill, a block's size
 * or msg->block_size in one state against the same place in the other,
 * whatever their variables are called in each.
 */
#include "venv.h"

#define NONE S64_MAX_			/* no bound */
#define REL_MAX (1ll << 62)		/* relations' constants stay within +-REL_MAX */
#define MAX_PLACES (SIP_MAX_CALL_DEPTH * (VNR_REGS + VMAX_SLOTS) + VMAX_REFS + 1)
#define MAX_VARS (2 * VMAX_RELS)
#define MAX_WIDEN_PLACES 96		/* places widening relates pairwise */
#define MAX_CANDS (4 * VMAX_RELS)

static s64 neg_(s64 v)
{
	return v == S64_MIN_ ? S64_MAX_ : -v;
}

static s64 add_(s64 a, s64 b)
{
	s64 r;

	if (__builtin_add_overflow(a, b, &r))
		return a > 0 ? S64_MAX_ : S64_MIN_;
	return r;
}

/* A bound a relation may keep: NONE when too large, never below -REL_MAX. */
static s64 clamp_(s64 c)
{
	if (c >= REL_MAX)
		return NONE;
	return c < -REL_MAX ? -REL_MAX : c;
}

/* c1 + c2 (+ c3) as a bound: NONE if any is. */
static s64 sum_(s64 a, s64 b)
{
	if (a == NONE || b == NONE)
		return NONE;
	return clamp_(add_(a, b));
}

u32 vreg_var(const struct vreg *r)
{
	switch (r->type) {
	case VT_SCALAR:
		return r->id;
	case VT_BLOCK:
	case VT_STACK:
	case VT_DATA:
	case VT_RODATA:
		return r->oid;
	default:
		return 0;
	}
}

static bool has_offset(const struct vreg *r)
{
	return r->type == VT_SCALAR || r->type == VT_BLOCK || r->type == VT_STACK ||
	       r->type == VT_DATA || r->type == VT_RODATA;
}

/* (a, b) and its mirror (b ^ 1, a ^ 1) are one relation: the smaller first. */
static void canon(u32 *a, u32 *b)
{
	u32 ma = *b ^ 1, mb = *a ^ 1;

	if (ma < *a) {
		*a = ma;
		*b = mb;
	}
}

static struct vrel *find(const struct vstate *st, u32 a, u32 b)
{
	u32 i;

	canon(&a, &b);
	for (i = 0; i < st->nr_rels; i++)
		if (st->rels[i].a == a && st->rels[i].b == b)
			return &st->rels[i];
	return NULL;
}

s64 vrel_bound(const struct vstate *st, u32 a, u32 b)
{
	const struct vrel *r;

	if (a == b)
		return 0;
	r = st->nr_rels ? find(st, a, b) : NULL;
	return r ? r->c : NONE;
}

/* Does some relation say something of @var? */
bool vrel_mentions(const struct vstate *st, u32 var)
{
	u32 i;

	for (i = 0; i < st->nr_rels; i++)
		if (st->rels[i].a >> 1 == var || st->rels[i].b >> 1 == var)
			return true;
	return false;
}

/* Room for one more relation; false when the store is full. */
static bool grow(struct venv *env, struct vstate *st)
{
	struct vrel *n;
	u32 cap;

	if (st->nr_rels < st->cap_rels)
		return true;
	if (st->cap_rels >= VMAX_RELS) {
		vrel_gc(env, st);
		return st->nr_rels < st->cap_rels;
	}
	cap = st->cap_rels ? st->cap_rels * 2 : 8;
	if (cap > VMAX_RELS)
		cap = VMAX_RELS;
	n = venv_alloc(env, cap * sizeof(*n));
	if (!n)
		return false;	/* a relation not kept: less is known, nothing wrong */
	if (st->nr_rels)
		memcpy(n, st->rels, st->nr_rels * sizeof(*n));
	venv_free(env, st->rels);
	st->rels = n;
	st->cap_rels = cap;
	return true;
}

/*
 * Where each relation of one state is, by its (a, b): built for a run of
 * look-ups in a store that does not change meanwhile (or changes only
 * through put_ix()), as a closure or a comparison makes.
 */
#define RH_BITS 8			/* 2^RH_BITS buckets > 2 * VMAX_RELS */
/* A bucket names a relation in a u8; open addressing needs free buckets. */
_Static_assert(VMAX_RELS <= 255 && 2 * VMAX_RELS < (1 << RH_BITS), "rindex too small");

struct rindex {
	u32 gen;			/* buckets of another generation are empty */
	u32 hgen[1 << RH_BITS];
	u64 hkey[1 << RH_BITS];
	u8 hidx[1 << RH_BITS];
};

static u64 rkey(u32 a, u32 b)
{
	return (u64)a << 32 | b;
}

static u32 rbucket(const struct rindex *x, u64 key)
{
	u32 h = (u32)((key * 0x9e3779b97f4a7c15ull) >> (64 - RH_BITS));

	while (x->hgen[h] == x->gen && x->hkey[h] != key)
		h = (h + 1) & ((1u << RH_BITS) - 1);
	return h;
}

static void rindex_build(struct rindex *x, const struct vstate *st)
{
	u32 i, h;

	if (!++x->gen) {
		memset(x->hgen, 0, sizeof(x->hgen));
		x->gen = 1;
	}
	for (i = 0; i < st->nr_rels; i++) {
		u64 key = rkey(st->rels[i].a, st->rels[i].b);

		h = rbucket(x, key);
		x->hgen[h] = x->gen;
		x->hkey[h] = key;
		x->hidx[h] = (u8)i;
	}
}

/* vrel_bound() through @x, @st's index. */
static s64 bound_ix(const struct rindex *x, const struct vstate *st, u32 a, u32 b)
{
	u32 h;

	if (a == b)
		return 0;
	canon(&a, &b);
	h = rbucket(x, rkey(a, b));
	return x->hgen[h] == x->gen ? st->rels[x->hidx[h]].c : NONE;
}

/*
 * Sets val(a) - val(b) <= c as it is, with no closure, keeping @x (@st's
 * index) up to date; false: infeasible.
 */
static bool put_ix(struct venv *env, struct vstate *st, struct rindex *x, u32 a, u32 b, s64 c)
{
	struct vrel *r;
	u64 key;
	u32 h, n;

	if (c == NONE)
		return true;
	if (a == b)
		return c >= 0;
	if (a == (b ^ 1))
		return true;	/* 2 val(a) <= c: the intervals say as much */
	canon(&a, &b);
	key = rkey(a, b);
	h = rbucket(x, key);
	if (x->hgen[h] == x->gen) {
		r = &st->rels[x->hidx[h]];
		if (c < r->c)
			r->c = c;
		return true;
	}
	n = st->nr_rels;
	if (!grow(env, st))
		return true;
	if (st->nr_rels != n) {		/* collected: the relations moved */
		rindex_build(x, st);
		h = rbucket(x, key);
	}
	x->hgen[h] = x->gen;
	x->hkey[h] = key;
	x->hidx[h] = (u8)st->nr_rels;
	st->rels[st->nr_rels++] = (struct vrel){ a, b, c };
	return true;
}

struct ends {
	u32 node;
	s64 d;
};

/* places: where a state holds a value a relation may be about */
enum { P_REG, P_REF, P_MSG, P_RL };

struct vplace {
	u8 kind;
	u8 frame;
	u16 idx;		/* a register, VNR_REGS + a slot, or a reference */
};

/* The variables of a store, with what the places know of each. */
struct vvar {
	u32 var;
	bool held;		/* some place holds it */
	s64 lo, hi;
	struct vplace at;	/* one place that holds it */
};

#define VH_BITS 9			/* the variables' hash: 2^VH_BITS buckets > 2 * MAX_VARS */
#define NOVAR 0xffff
_Static_assert(MAX_VARS < NOVAR && 2 * MAX_VARS < (1 << VH_BITS), "vvars' hash too small");

struct vvars {
	u32 n;
	struct vvar v[MAX_VARS];
	/* v's index of each variable, valid where hgen is gen */
	u32 gen;
	u32 hkey[1 << VH_BITS], hgen[1 << VH_BITS];
	u16 hidx[1 << VH_BITS];
	u16 ia[VMAX_RELS], ib[VMAX_RELS];	/* v's index of each relation's a and b, or NOVAR */
};

struct wplace {
	struct vplace p;
	u32 ovar, cvar;
	s64 olo, ohi, clo, chi;
	bool moving;		/* cur's interval is not within old's */
	bool related;		/* old relates its value to another */
	bool fixed;		/* one constant in both: a relation with it is a bound */
	bool ptr;		/* a pointer's offset */
};

struct wcand {
	u16 i, j;		/* wplaces */
	u8 ni, nj;		/* negated */
	s64 c;
};

/* The verifier's room for this file's work, allocated once per verification. */
struct vrel_scratch {
	struct ends l[2 * VMAX_RELS + 1], r[2 * VMAX_RELS + 1];
	struct vplace places[MAX_PLACES];
	struct vvars vars;
	u32 nr_wplaces, nr_cands;
	struct wplace wpl[MAX_WIDEN_PLACES];
	struct wcand cand[MAX_CANDS];
	u32 pin[2];		/* variables being related: no collection drops them */
	struct rindex ix[2];	/* indexes of the stores being closed or compared */
};

int vrel_env_init(struct venv *env)
{
	env->rel = venv_alloc(env, sizeof(*env->rel));
	if (!env->rel)
		return -ENOMEM;
	env->rel->vars.gen = 1;	/* no bucket is in use */
	return 0;
}

/*
 * val(a) - val(b) <= c, and every relation a path through it implies: the
 * store was closed, so one pass over the paths x -> a -> b -> y closes it
 * again (the mirror a relation stands for is one of them). False: no
 * values satisfy the store any more.
 */
bool vrel_add(struct venv *env, struct vstate *st, u32 a, u32 b, s64 c)
{
	struct ends *l = env->rel->l, *r = env->rel->r;
	u32 nl = 0, nr = 0, i, j;

	c = clamp_(c);
	if (c == NONE || c >= vrel_bound(st, a, b))
		return true;
	if (a == b)
		return c >= 0;
	l[nl++] = (struct ends){ a, 0 };
	r[nr++] = (struct ends){ b, 0 };
	for (i = 0; i < st->nr_rels; i++) {
		const struct vrel *k = &st->rels[i];

		/* k and its mirror: x - y <= d, and (y ^ 1) - (x ^ 1) <= d */
		if (k->b == a)
			l[nl++] = (struct ends){ k->a, k->c };
		if ((k->a ^ 1) == a)
			l[nl++] = (struct ends){ k->b ^ 1, k->c };
		if (k->a == b)
			r[nr++] = (struct ends){ k->b, k->c };
		if ((k->b ^ 1) == b)
			r[nr++] = (struct ends){ k->a ^ 1, k->c };
	}
	rindex_build(&env->rel->ix[0], st);
	for (i = 0; i < nl; i++)
		for (j = 0; j < nr; j++)
			if (!put_ix(env, st, &env->rel->ix[0], l[i].node, r[j].node,
				    sum_(sum_(l[i].d, c), r[j].d)))
				return false;
	return true;
}

/* lo <= val(y) - val(x) <= hi. */
bool vrel_add_range(struct venv *env, struct vstate *st, u32 y, u32 x, s64 lo, s64 hi)
{
	u32 *pin = env->rel->pin;
	bool ok;

	/* A full store collects itself between the two: @x may be held by no place now. */
	pin[0] = y >> 1;
	pin[1] = x >> 1;
	ok = vrel_add(env, st, y, x, hi) && vrel_add(env, st, x, y, lo == S64_MIN_ ? NONE : neg_(lo));
	pin[0] = pin[1] = 0;
	return ok;
}

/* ---- places ---- */

static const struct vreg *place_reg(const struct vstate *st, struct vplace p)
{
	const struct vframe *fr;

	if (p.frame >= st->nr_frames)
		return NULL;
	fr = st->frames[p.frame];
	if (p.idx < VNR_REGS)
		return &fr->regs[p.idx];
	if ((u32)(p.idx - VNR_REGS) >= fr->nr_slots ||
	    fr->slots[p.idx - VNR_REGS].bytes[0] != VB_SPILL)
		return NULL;
	return &fr->slots[p.idx - VNR_REGS].spill;
}

/*
 * The variable at a place and its interval; false when it holds nothing a
 * relation can be about. A block's size has no upper bound here: a
 * relation on it is used only where its block is known to be there.
 */
static bool place_get(const struct vstate *st, struct vplace p, u32 *var, s64 *lo, s64 *hi)
{
	const struct vreg *r;
	const struct vref *ref;

	switch (p.kind) {
	case P_REG:
		r = place_reg(st, p);
		if (!r || !has_offset(r))
			return false;
		*var = vreg_var(r);
		*lo = r->smin;
		*hi = r->smax;
		return true;
	case P_REF:
		if (p.idx >= st->nr_refs)
			return false;
		ref = &st->refs[p.idx];
		*var = ref->mid;
		*lo = (s64)ref->size_min;
		*hi = NONE;
		if (ref->mid == VID_MSG_SIZE) {
			if (st->msg_min > ref->size_min)
				*lo = (s64)st->msg_min;
			*hi = VBLOCK_MAX;
		}
		return true;
	case P_RL:	/* a read of read-only data's offset: what relations say */
		if (!st->rl.id)
			return false;
		*var = st->rl.oid;
		*lo = S64_MIN_;
		*hi = S64_MAX_;
		return true;
	default:
		*var = VID_MSG_SIZE;
		*lo = (s64)st->msg_min;
		*hi = VBLOCK_MAX;
		return true;
	}
}

/* Every place of @st that may hold a value, into @out; how many. */
static u32 places_of(const struct vstate *st, struct vplace *out)
{
	u32 f, i, n = 0;

	for (f = 0; f < st->nr_frames; f++) {
		const struct vframe *fr = st->frames[f];

		for (i = 0; i < VNR_REGS; i++)
			if (has_offset(&fr->regs[i]))
				out[n++] = (struct vplace){ P_REG, (u8)f, (u16)i };
		for (i = 0; i < fr->nr_slots; i++)
			if (fr->slots[i].bytes[0] == VB_SPILL && has_offset(&fr->slots[i].spill))
				out[n++] = (struct vplace){ P_REG, (u8)f, (u16)(VNR_REGS + i) };
	}
	for (i = 0; i < st->nr_refs; i++)
		out[n++] = (struct vplace){ P_REF, 0, (u16)i };
	out[n++] = (struct vplace){ P_MSG, 0, 0 };
	if (st->rl.id)
		out[n++] = (struct vplace){ P_RL, 0, 0 };
	return n;
}

/* ---- the variables of the store ---- */

/* The bucket of @var: where it is, or the empty one it would go in. */
static u32 var_bucket(const struct vvars *t, u32 var)
{
	u32 h = (var * 2654435761u) >> (32 - VH_BITS);

	while (t->hgen[h] == t->gen && t->hkey[h] != var)
		h = (h + 1) & ((1u << VH_BITS) - 1);
	return h;
}

static struct vvar *var_find(struct vvars *t, u32 var)
{
	u32 h = var_bucket(t, var);

	return t->hgen[h] == t->gen ? &t->v[t->hidx[h]] : NULL;
}

/* Empties the table. */
static void vars_reset(struct vvars *t)
{
	t->n = 0;
	if (!++t->gen) {
		memset(t->hgen, 0, sizeof(t->hgen));
		t->gen = 1;
	}
}

/* @var's index in the table, added if new and there is room (else NOVAR). */
static u16 var_note(struct vvars *t, u32 var)
{
	u32 h = var_bucket(t, var);

	if (t->hgen[h] == t->gen)
		return t->hidx[h];
	if (t->n >= MAX_VARS)
		return NOVAR;
	t->hgen[h] = t->gen;
	t->hkey[h] = var;
	t->hidx[h] = (u16)t->n;
	t->v[t->n] = (struct vvar){ var, false, S64_MIN_, S64_MAX_, { 0 } };
	return (u16)t->n++;
}

/* The variables of relation @i's ends, as vars_of() found them (NULL: not in the table). */
static struct vvar *rel_var(struct vvars *t, u16 idx)
{
	return idx == NOVAR ? NULL : &t->v[idx];
}

/*
 * The variables @st's relations are about (and @extra), and what its
 * places know of each.
 */
static void vars_of(struct venv *env, const struct vstate *st, struct vvars *t, u32 extra)
{
	struct vplace *pl = env->rel->places;
	u32 i, n;

	vars_reset(t);
	if (extra)
		var_note(t, extra);
	for (i = 0; i < st->nr_rels; i++) {
		t->ia[i] = var_note(t, st->rels[i].a >> 1);
		t->ib[i] = var_note(t, st->rels[i].b >> 1);
	}
	n = places_of(st, pl);
	for (i = 0; i < n; i++) {
		struct vvar *v;
		u32 var;
		s64 lo, hi;

		if (!place_get(st, pl[i], &var, &lo, &hi) || !var)
			continue;
		v = var_find(t, var);
		if (!v)
			continue;
		if (!v->held)
			v->at = pl[i];
		v->held = true;
		if (lo > v->lo)
			v->lo = lo;
		if (hi < v->hi)
			v->hi = hi;
	}
}

static s64 node_hi(const struct vvar *v, u32 node)
{
	return node & 1 ? neg_(v->lo) : v->hi;
}

static s64 node_lo(const struct vvar *v, u32 node)
{
	return node & 1 ? neg_(v->hi) : v->lo;
}

/* The bound on val(a) - val(b) their intervals give: max a - min b. */
static s64 ibound(s64 ahi, s64 blo)
{
	if (ahi == S64_MAX_ || blo == S64_MIN_)
		return NONE;
	return clamp_(add_(ahi, neg_(blo)));
}

static bool pinned(const struct venv *env, u32 var)
{
	return var && (env->rel->pin[0] == var || env->rel->pin[1] == var);
}

/*
 * Drops the relations about values no place holds any more, and those the
 * intervals imply on their own: neither can tell anything new.
 */
void vrel_gc(struct venv *env, struct vstate *st)
{
	struct vvars *t = &env->rel->vars;
	u32 i, n = 0;

	if (!st->nr_rels)
		return;
	vars_of(env, st, t, 0);
	for (i = 0; i < st->nr_rels; i++) {
		const struct vrel *k = &st->rels[i];
		const struct vvar *a = rel_var(t, t->ia[i]), *b = rel_var(t, t->ib[i]);

		if (!a || !b || !(a->held || pinned(env, a->var)) || !(b->held || pinned(env, b->var)))
			continue;
		if (ibound(node_hi(a, k->a), node_lo(b, k->b)) <= k->c)
			continue;
		st->rels[n++] = *k;
	}
	st->nr_rels = n;
}

/* Narrows a place's value to [lo, hi]; false when nothing is left. */
static bool place_narrow(struct vstate *st, struct vplace p, s64 lo, s64 hi)
{
	struct vreg *r;
	struct vref *ref;

	switch (p.kind) {
	case P_REG:
		r = (struct vreg *)place_reg(st, p);
		if (lo > r->smin)
			r->smin = lo;
		if (hi < r->smax)
			r->smax = hi;
		if (r->type == VT_SCALAR)
			return vreg_sync(r);
		return r->smin <= r->smax;
	case P_REF:
		ref = &st->refs[p.idx];
		if (lo > 0 && (u64)lo > ref->size_min)
			ref->size_min = (u64)lo;
		if (ref->mid == VID_MSG_SIZE && lo > 0 && (u64)lo > st->msg_min)
			st->msg_min = (u64)lo;
		return true;
	case P_RL:
		return true;
	default:
		if (lo > 0 && (u64)lo > st->msg_min)
			st->msg_min = (u64)lo;
		return true;
	}
}

/*
 * The intervals the relations imply (val(a) <= max b + c, val(b) >= min a
 * - c), given to every place holding each variable: a size check's bound
 * reaches the index compared with the size, and the block's size_min.
 * False: the state is infeasible.
 */
static void propagate(const struct vstate *st, struct vvars *t)
{
	u32 i, round;

	for (round = 0; round < 2; round++) {
		for (i = 0; i < st->nr_rels; i++) {
			const struct vrel *k = &st->rels[i];
			struct vvar *a = rel_var(t, t->ia[i]), *b = rel_var(t, t->ib[i]);
			s64 v;

			if (!a || !b || !a->held || !b->held)
				continue;
			/* val(a) <= max val(b) + c */
			v = node_hi(b, k->b);
			if (v != S64_MAX_) {
				v = add_(v, k->c);
				if (k->a & 1) {
					if (neg_(v) > a->lo)
						a->lo = neg_(v);
				} else if (v < a->hi) {
					a->hi = v;
				}
			}
			/* val(b) >= min val(a) - c */
			v = node_lo(a, k->a);
			if (v != S64_MIN_) {
				v = add_(v, neg_(k->c));
				if (k->b & 1) {
					if (neg_(v) < b->hi)
						b->hi = neg_(v);
				} else if (v > b->lo) {
					b->lo = v;
				}
			}
		}
	}
}

/* Gives every place what the table says of its variable; false: infeasible. */
static bool write_back(struct venv *env, struct vstate *st, struct vvars *t)
{
	struct vplace *pl = env->rel->places;
	u32 i, n;

	for (i = 0; i < t->n; i++)
		if (t->v[i].held && t->v[i].lo > t->v[i].hi)
			return false;
	n = places_of(st, pl);
	for (i = 0; i < n; i++) {
		const struct vvar *v;
		u32 var;
		s64 lo, hi;

		if (!place_get(st, pl[i], &var, &lo, &hi) || !var)
			continue;
		v = var_find(t, var);
		if (!v)
			continue;
		if ((v->lo > lo || v->hi < hi) && !place_narrow(st, pl[i], v->lo, v->hi))
			return false;
	}
	return true;
}

bool vrel_reduce(struct venv *env, struct vstate *st)
{
	struct vvars *t = &env->rel->vars;

	if (!st->nr_rels)
		return true;
	vars_of(env, st, t, 0);
	propagate(st, t);
	return write_back(env, st, t);
}

bool vrel_var_bounds(struct venv *env, const struct vstate *st, u32 var, s64 *lo, s64 *hi)
{
	struct vvars *t = &env->rel->vars;
	const struct vvar *v;

	vars_of(env, st, t, var);
	propagate(st, t);
	v = var_find(t, var);
	if (!v || !v->held)
		return false;
	*lo = v->lo;
	*hi = v->hi;
	return true;
}

bool vrel_narrow(struct venv *env, struct vstate *st, u32 var, s64 lo, s64 hi)
{
	struct vvars *t = &env->rel->vars;
	struct vvar *v;

	vars_of(env, st, t, var);
	v = var_find(t, var);
	if (!v || !v->held)
		return true;
	if (lo > v->lo)
		v->lo = lo;
	if (hi < v->hi)
		v->hi = hi;
	propagate(st, t);
	return write_back(env, st, t);
}

/* ---- copying ---- */

int vrel_copy(struct venv *env, struct vstate *dst, const struct vstate *src)
{
	dst->rels = NULL;
	dst->cap_rels = 0;
	dst->nr_rels = 0;
	if (!src->nr_rels)
		return 0;
	dst->rels = venv_alloc(env, src->nr_rels * sizeof(struct vrel));
	if (!dst->rels)
		return -ENOMEM;
	memcpy(dst->rels, src->rels, src->nr_rels * sizeof(struct vrel));
	dst->nr_rels = dst->cap_rels = src->nr_rels;
	return 0;
}

void vrel_free(struct venv *env, struct vstate *st)
{
	venv_free(env, st->rels);
	st->rels = NULL;
	st->nr_rels = st->cap_rels = 0;
}

/* ---- pruning ---- */

/* The place of @st another state's place @p corresponds to (references through @pair). */
static bool place_map(struct vplace p, const u8 *pair, struct vplace *out)
{
	*out = p;
	if (p.kind == P_REF) {
		if (pair[p.idx] == 0xff)
			return false;
		out->idx = pair[p.idx];
	}
	return true;
}

/* The bound on val(a) - val(b) in @st: its relation, or the intervals'. */
static s64 bound_at(const struct rindex *x, const struct vstate *st, u32 va, bool na, s64 alo,
		    s64 ahi, u32 vb, bool nb, s64 blo, s64 bhi)
{
	s64 hi_a = na ? neg_(alo) : ahi, lo_b = nb ? neg_(bhi) : blo, c = ibound(hi_a, lo_b);

	if (va && vb) {
		s64 k = bound_ix(x, st, va << 1 | na, vb << 1 | nb);

		if (k < c)
			c = k;
	}
	return c;
}

/*
 * Does cur satisfy every relation of old? Each of old's relations is about
 * the values at two places of old; cur's relation (or intervals) between
 * its values at the same places must be at least as tight. @pair maps
 * old's references to cur's (0xff: none).
 */
bool vrel_covers(struct venv *env, const struct vstate *old, const struct vstate *cur,
		 const u8 *pair)
{
	struct vvars *t = &env->rel->vars;
	u32 i;

	if (!old->nr_rels)
		return true;
	vars_of(env, old, t, 0);
	rindex_build(&env->rel->ix[0], cur);
	for (i = 0; i < old->nr_rels; i++) {
		const struct vrel *k = &old->rels[i];
		const struct vvar *a = rel_var(t, t->ia[i]), *b = rel_var(t, t->ib[i]);
		struct vplace pa, pb;
		u32 va, vb;
		s64 alo, ahi, blo, bhi;

		if (!a || !b || !a->held || !b->held)
			continue;	/* about a value no longer anywhere */
		if (!place_map(a->at, pair, &pa) || !place_map(b->at, pair, &pb) ||
		    !place_get(cur, pa, &va, &alo, &ahi) || !place_get(cur, pb, &vb, &blo, &bhi))
			return false;
		if (bound_at(&env->rel->ix[0], cur, va, k->a & 1, alo, ahi, vb, k->b & 1, blo, bhi) >
		    k->c)
			return false;
	}
	return true;
}

/* ---- widening ---- */

/* Gives the value at a register place a variable of its own; 0 if it cannot have one. */
static u32 name_place(struct venv *env, struct vstate *st, struct vplace p)
{
	struct vreg *r;

	if (p.kind != P_REG)
		return 0;
	r = (struct vreg *)place_reg(st, p);
	if (!r || !has_offset(r))
		return 0;
	if (r->type == VT_SCALAR)
		return r->id = ++env->next_id;
	return r->oid = ++env->next_id;
}

/*
 * The bound a relation widens to when cur's (@c) is larger than old's:
 * the next threshold (a constant the program compares with, or a small
 * distance every loop test makes), so that bounds only grow, through
 * finitely many values; NONE past them.
 */
static s64 widen_bound(const struct venv *env, s64 c)
{
	static const s64 small[] = { -8, -4, -2, -1, 0 };
	s64 best = NONE;
	u32 i;

	for (i = 0; i < ARRAY_SIZE(small); i++)
		if (small[i] >= c && small[i] < best)
			best = small[i];
	for (i = 0; i < env->th.n; i++)
		if (env->th.v[i] >= c && env->th.v[i] < best)
			best = env->th.v[i];
	return best;
}

/*
 * Before old's intervals widen: the relations between two places that
 * hold in old and in cur, from their relations or their intervals, at
 * old's bound where cur's is within it, else at the next threshold above
 * cur's. Those intervals alone imply now may be lost when the intervals
 * widen: a loop's index below its length is, while both are constants,
 * only in the intervals.
 */
void vrel_widen_prepare(struct venv *env, const struct vstate *old, const struct vstate *cur,
			const u8 *pair)
{
	struct vrel_scratch *w = env->rel;
	struct vplace *all = w->places;
	struct vvars *t = &env->rel->vars;
	u32 n, i, j, s, pass;

	w->nr_wplaces = w->nr_cands = 0;
	vars_of(env, old, t, 0);
	rindex_build(&w->ix[0], old);
	rindex_build(&w->ix[1], cur);
	n = places_of(old, all);
	for (i = 0; i < n && w->nr_wplaces < MAX_WIDEN_PLACES; i++) {
		struct wplace *p = &w->wpl[w->nr_wplaces];
		struct vplace cp;
		const struct vvar *v;

		p->p = all[i];
		if (!place_get(old, all[i], &p->ovar, &p->olo, &p->ohi) ||
		    !place_map(all[i], pair, &cp) || !place_get(cur, cp, &p->cvar, &p->clo, &p->chi))
			continue;
		v = p->ovar ? var_find(t, p->ovar) : NULL;
		p->related = v != NULL;
		p->moving = p->clo < p->olo || p->chi > p->ohi;
		p->fixed = p->olo == p->ohi && p->clo == p->olo && p->chi == p->ohi;
		p->ptr = p->p.kind == P_REG && place_reg(old, p->p)->type != VT_SCALAR;
		w->nr_wplaces++;
	}
	/*
	 * Relations between values that move first; then those with a
	 * constant (a bound on the other value that widening its interval
	 * would lose, as "n + k >= 1" for a count k down to an equality
	 * test), if room is left. A constant pointer's offset bounds nothing.
	 */
	for (pass = 0; pass < 2; pass++)
	for (i = 0; i < w->nr_wplaces; i++) {
		const struct wplace *a = &w->wpl[i];

		for (j = i + 1; j < w->nr_wplaces; j++) {
			const struct wplace *b = &w->wpl[j];

			if ((!a->moving && !b->moving && !(a->related && b->related)) ||
			    (a->fixed && a->ptr) || (b->fixed && b->ptr) ||
			    (a->fixed || b->fixed) != (pass == 1))
				continue;
			/* a - b, a + b, -a - b, b - a */
			for (s = 0; s < 4 && w->nr_cands < MAX_CANDS; s++) {
				bool na = s == 2 || s == 3, nb = s == 0 || s == 3;
				s64 co = bound_at(&w->ix[0], old, a->ovar, na, a->olo, a->ohi, b->ovar,
						  nb, b->olo, b->ohi);
				s64 cc = bound_at(&w->ix[1], cur, a->cvar, na, a->clo, a->chi, b->cvar,
						  nb, b->clo, b->chi);

				if (co == NONE || cc == NONE)
					continue;
				if (cc > co) {
					co = widen_bound(env, cc);
					if (co == NONE)
						continue;
				}
				w->cand[w->nr_cands++] = (struct wcand){ (u16)i, (u16)j, na, nb, co };
			}
		}
	}
}

/*
 * After old's intervals and links widened: old's relations become the
 * candidates its widened intervals do not imply, between the variables its
 * places hold now (a place that lost its variable gets a new one), closed.
 */
int vrel_widen_finish(struct venv *env, struct vstate *old)
{
	struct vrel_scratch *w = env->rel;
	u32 k;

	old->nr_rels = 0;
	for (k = 0; k < w->nr_cands; k++) {
		const struct wcand *c = &w->cand[k];
		struct wplace *a = &w->wpl[c->i], *b = &w->wpl[c->j];
		u32 va, vb;
		s64 alo, ahi, blo, bhi;

		if (!place_get(old, a->p, &va, &alo, &ahi) || !place_get(old, b->p, &vb, &blo, &bhi))
			continue;
		if (bound_at(NULL, old, 0, c->ni, alo, ahi, 0, c->nj, blo, bhi) <= c->c)
			continue;	/* the widened intervals say it */
		if (!va)
			va = name_place(env, old, a->p);
		if (!vb)
			vb = name_place(env, old, b->p);
		if (!va || !vb)
			continue;
		vrel_add(env, old, va << 1 | c->ni, vb << 1 | c->nj, c->c);
	}
	vrel_reduce(env, old);
	return 0;
}

/* ---- what instructions teach ---- */

static bool is_const_reg(const struct vreg *r)
{
	return r->type == VT_SCALAR ? vreg_is_const(r) : r->smin == r->smax;
}

/* The variable of a register's value, named if it had none; 0 for a constant. */
static u32 name_reg(struct venv *env, struct vreg *r)
{
	u32 v = vreg_var(r);

	if (v || !has_offset(r) || is_const_reg(r))
		return v;
	if (r->type == VT_SCALAR)
		return r->id = ++env->next_id;
	return r->oid = ++env->next_id;
}

u32 vrel_name(struct venv *env, struct vreg *r)
{
	return name_reg(env, r);
}

/*
 * The exact change an add or sub makes when nothing wraps: result = in +
 * [lo, hi] as numbers, in signed 64 bits, or on zero-extended 32-bit
 * values (where a constant's add may wrap once: "w1 += -1").
 */
static bool addsub_delta(const struct vreg *in, const struct vreg *s, bool sub, bool alu32,
			 s64 *lo, s64 *hi)
{
	s64 t;

	if (!alu32) {
		*lo = sub ? neg_(s->smax) : s->smin;
		*hi = sub ? neg_(s->smin) : s->smax;
		if (*lo == S64_MIN_ || *lo == S64_MAX_ || *hi == S64_MIN_ || *hi == S64_MAX_)
			return false;
		return !__builtin_add_overflow(in->smin, *lo, &t) &&
		       !__builtin_add_overflow(in->smax, *hi, &t);
	}
	if (in->umax > U32_MAX_ || s->umax > U32_MAX_)
		return false;
	*lo = sub ? -(s64)s->umax : (s64)s->umin;
	*hi = sub ? -(s64)s->umin : (s64)s->umax;
	if ((s64)in->umin + *lo >= 0 && (s64)in->umax + *hi <= (s64)U32_MAX_)
		return true;			/* never wraps */
	if (!sub && (s64)in->umin + *lo > (s64)U32_MAX_ && (s64)in->umax + *hi <= 2 * (s64)U32_MAX_ + 1) {
		*lo -= 1ll << 32;		/* always wraps, once */
		*hi -= 1ll << 32;
		return true;
	}
	if (sub && (s64)in->umax + *hi < 0 && (s64)in->umin + *lo >= -(s64)U32_MAX_ - 1) {
		*lo += 1ll << 32;
		*hi += 1ll << 32;
		return true;
	}
	return false;
}

/*
 * @dst = @in @op @s was just computed (a scalar operation): where the
 * result is the operands' sum or difference as numbers, it gets a variable
 * related to theirs, so that "i + 8 <= len" still says something of i.
 */
void vrel_alu(struct venv *env, struct vstate *st, struct vreg *dst, const struct vreg *in,
	      const struct vreg *s, u8 op, bool alu32)
{
	u32 dv, sv, y;
	s64 lo, hi;

	if (dst->type != VT_SCALAR || vreg_is_const(dst) || in->type != VT_SCALAR)
		return;
	dv = vreg_is_const(in) ? 0 : in->id;
	sv = s->type == VT_SCALAR && !vreg_is_const(s) ? s->id : 0;
	switch (op) {
	case SIP_ADD:
	case SIP_SUB:
		if ((!dv && !sv) || !addsub_delta(in, s, op == SIP_SUB, alu32, &lo, &hi))
			return;
		y = dst->id = ++env->next_id;
		if (dv)
			vrel_add_range(env, st, y << 1, dv << 1, lo, hi);
		if (sv) {
			/* y - s (add) or y + s (sub) is in, shifted as the wrap shifts it */
			s64 w = lo - (op == SIP_SUB ? -(s64)(alu32 ? s->umax : (u64)s->smax) :
						      (s64)(alu32 ? s->umin : (u64)s->smin));
			u32 sn = sv << 1 | (op == SIP_SUB);

			vrel_add_range(env, st, y << 1, sn, add_(in->smin, w), add_(in->smax, w));
		}
		return;
	case SIP_NEG:
		if (alu32 || !dv || in->smin == S64_MIN_)
			return;
		y = dst->id = ++env->next_id;
		vrel_add_range(env, st, y << 1, dv << 1 | 1, 0, 0);	/* y + d = 0 */
		return;
	default:
		return;
	}
}

/*
 * Pointer @res = @p + @s (or - @s) was just computed: its offset gets a
 * variable related to @p's and to @s's value. @name_s: @s stays in its
 * register, worth naming if it has no variable yet.
 */
void vrel_ptr_add(struct venv *env, struct vstate *st, struct vreg *res, const struct vreg *p,
		  struct vreg *s, bool sub, bool name_s)
{
	u32 pv = p->smin == p->smax ? 0 : p->oid, sv, y;

	res->oid = 0;
	if (vreg_is_const(s)) {
		if (!pv)
			return;
		y = res->oid = ++env->next_id;
		vrel_add_range(env, st, y << 1, pv << 1, res->smin - p->smin, res->smin - p->smin);
		return;
	}
	sv = name_s ? name_reg(env, s) : s->id;
	if (!pv && !sv)
		return;
	y = res->oid = ++env->next_id;
	if (pv)
		vrel_add_range(env, st, y << 1, pv << 1, sub ? neg_(s->smax) : s->smin,
			       sub ? neg_(s->smin) : s->smax);
	if (sv)	/* y - s (add) or y + s (sub) is p's offset */
		vrel_add_range(env, st, y << 1, sv << 1 | sub, p->smin, p->smax);
}

static bool same_half(const struct vreg *r)
{
	return r->smin >= 0 || r->smax < 0;
}

/*
 * a != b (as numbers: 32-bit halves that differ make 64-bit values that
 * differ too): where the store says a <= b, or b <= a, it tightens by one,
 * so that "i <= n" and "i != n" (clang's "i == n" for a loop's "i >= n")
 * make i < n. Scalars only: offsets into two regions may be equal.
 */
static bool branch_ne(struct venv *env, struct vstate *st, const struct vreg *a,
		      const struct vreg *b)
{
	u32 va, vb;

	if (a->type != VT_SCALAR || b->type != VT_SCALAR || is_const_reg(a) || is_const_reg(b))
		return true;
	va = a->id;
	vb = b->id;
	if (!va || !vb || va == vb)
		return true;
	if (vrel_bound(st, va << 1, vb << 1) == 0 && !vrel_add(env, st, va << 1, vb << 1, -1))
		return false;
	if (vrel_bound(st, vb << 1, va << 1) == 0 && !vrel_add(env, st, vb << 1, va << 1, -1))
		return false;
	return true;
}

/*
 * A branch's outcome between two values (scalars, or offsets into one
 * region compared as signed numbers: @ptr) as a relation, where the
 * comparison means the same on numbers; then what it implies for every
 * interval. @op holds (the outcome already applied). False: infeasible.
 */
bool vrel_branch(struct venv *env, struct vstate *st, struct vreg *a, struct vreg *b, u8 op,
		 bool jmp32, bool ptr)
{
	bool sign = op == SIP_JSGT || op == SIP_JSGE || op == SIP_JSLT || op == SIP_JSLE;
	bool swap;		/* b - a <= c rather than a - b <= c */
	u32 va, vb;
	s64 c;

	switch (op) {
	case SIP_JEQ:		/* and b - a <= 0 */
	case SIP_JLE:
	case SIP_JSLE:
		swap = false, c = 0;
		break;
	case SIP_JLT:
	case SIP_JSLT:
		swap = false, c = -1;
		break;
	case SIP_JGE:
	case SIP_JSGE:
		swap = true, c = 0;
		break;
	case SIP_JGT:
	case SIP_JSGT:
		swap = true, c = -1;
		break;
	case SIP_JNE:
		if (!ptr && !branch_ne(env, st, a, b))
			return false;
		goto reduce;
	default:
		goto reduce;
	}
	if (is_const_reg(a) || is_const_reg(b))
		goto reduce;
	if (jmp32) {
		if (a->umax > (sign ? 0x7fffffffull : U32_MAX_) ||
		    b->umax > (sign ? 0x7fffffffull : U32_MAX_))
			goto reduce;
	} else if (!sign && !ptr) {
		/* unsigned: the same order as numbers within one half */
		if (!same_half(a) || !same_half(b) || (a->smin < 0) != (b->smin < 0))
			goto reduce;
	}
	va = name_reg(env, a);
	vb = name_reg(env, b);
	if (!va || !vb || va == vb)
		goto reduce;
	if (swap) {
		u32 t = va;

		va = vb;
		vb = t;
	}
	if (!vrel_add(env, st, va << 1, vb << 1, c))
		return false;
	if (op == SIP_JEQ && !vrel_add(env, st, vb << 1, va << 1, 0))
		return false;
reduce:
	return vrel_reduce(env, st);
}
