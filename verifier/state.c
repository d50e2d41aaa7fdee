// SPDX-License-Identifier: GPL-2.0
/*
 * Verifier states: allocation and copying, the subsumption test that lets a
 * path be pruned when an already verified state covers it, the widening
 * that makes loops converge, and printing for the verbose log.
 */
#include "vstate.h"
#include "venv.h"

static u32 frame_bytes(u32 nr_slots)
{
	return sizeof(struct vframe) + nr_slots * sizeof(struct vslot);
}

void *venv_alloc(struct venv *env, u32 size)
{
	void *p = sip_zalloc(size + sizeof(u64));

	if (!p)
		return NULL;
	*(u64 *)p = size;
	env->bytes += size;
	if (env->bytes > env->peak_bytes)
		env->peak_bytes = env->bytes;
	return (u64 *)p + 1;
}

void venv_free(struct venv *env, void *p)
{
	u64 *hdr;

	if (!p)
		return;
	hdr = (u64 *)p - 1;
	env->bytes -= *hdr;
	sip_free(hdr);
}

struct vframe *vframe_new(struct venv *env)
{
	return venv_alloc(env, frame_bytes(0));
}

int vframe_grow(struct venv *env, struct vstate *st, u32 frameno, u32 nr)
{
	struct vframe *old = st->frames[frameno], *f;

	if (nr <= old->nr_slots)
		return 0;
	f = venv_alloc(env, frame_bytes(nr));
	if (!f)
		return -ENOMEM;
	memcpy(f, old, frame_bytes(old->nr_slots));
	f->nr_slots = nr;	/* the new slots are zero: VB_INVALID */
	venv_free(env, old);
	st->frames[frameno] = f;
	return 0;
}

struct vstate *vstate_new(struct venv *env)
{
	return venv_alloc(env, sizeof(struct vstate));
}

/* The bytes of @st that hold anything: its references end it. */
static u32 state_bytes(const struct vstate *st)
{
	return (u32)__builtin_offsetof(struct vstate, refs) + st->nr_refs * (u32)sizeof(struct vref);
}

/*
 * Kept states last until the run ends and are never freed one by one:
 * they and their frames come from blocks freed together at the end
 * (venv_arena_free()), zeroed once when allocated, never reused.
 */
#define ARENA_BLOCK (64u << 10)

struct varena {
	struct varena *next;
	u32 used, size;		/* bytes of data[] */
	u64 data[];
};

void *venv_arena_alloc(struct venv *env, u32 size)
{
	struct varena *a = env->arena;

	size = (size + 15) & ~15u;
	if (!a || a->size - a->used < size) {
		u32 cap = size > ARENA_BLOCK ? size : ARENA_BLOCK;

		a = venv_alloc(env, sizeof(*a) + cap);
		if (!a)
			return NULL;
		a->size = cap;
		a->next = env->arena;
		env->arena = a;
	}
	a->used += size;
	return (u8 *)a->data + a->used - size;
}

void venv_arena_free(struct venv *env)
{
	struct varena *a, *n;

	for (a = env->arena; a; a = n) {
		n = a->next;
		venv_free(env, a);
	}
	env->arena = NULL;
}

static void *state_alloc(struct venv *env, u32 size, bool kept)
{
	return kept ? venv_arena_alloc(env, size) : venv_alloc(env, size);
}

/*
 * A copy of @st: a whole struct vstate that may be given more blocks, or
 * a kept one (@kept), in the arena and only as long as its references.
 * A kept copy that fails leaves what it took in the arena, freed at the end.
 */
static struct vstate *state_copy(struct venv *env, const struct vstate *st, bool kept)
{
	struct vstate *c = state_alloc(env, kept ? state_bytes(st) : sizeof(*st), kept);
	u32 i;

	if (!c)
		return NULL;
	memcpy(c, st, state_bytes(st));
	c->rels = NULL;
	c->nr_rels = c->cap_rels = 0;
	for (i = 0; i < st->nr_frames; i++) {
		u32 size = frame_bytes(st->frames[i]->nr_slots);

		c->frames[i] = state_alloc(env, size, kept);
		if (!c->frames[i]) {
			c->nr_frames = i;
			goto fail;
		}
		memcpy(c->frames[i], st->frames[i], size);
	}
	if (vrel_copy(env, c, st))
		goto fail;
	venv_path_get(c->path);
	return c;
fail:
	if (!kept)
		vstate_free(env, c);
	return NULL;
}

struct vstate *vstate_copy(struct venv *env, const struct vstate *st)
{
	return state_copy(env, st, false);
}

struct vstate *vstate_keep(struct venv *env, const struct vstate *st)
{
	return state_copy(env, st, true);
}

void vstate_free_kept(struct venv *env, struct vstate *st)
{
	vrel_free(env, st);
	venv_path_put(env, st->path);
}

int vstate_assign(struct venv *env, struct vstate *dst, const struct vstate *src)
{
	struct vpath *path = dst->path;
	u32 i;

	for (i = 0; i < dst->nr_frames; i++)
		venv_free(env, dst->frames[i]);
	vrel_free(env, dst);
	memcpy(dst, src, state_bytes(src));
	memset(&dst->refs[src->nr_refs], 0, (VMAX_REFS - src->nr_refs) * sizeof(struct vref));
	dst->path = path;
	dst->rels = NULL;
	dst->nr_rels = dst->cap_rels = 0;
	for (i = 0; i < dst->nr_frames; i++) {
		u32 size = frame_bytes(src->frames[i]->nr_slots);

		dst->frames[i] = venv_alloc(env, size);
		if (!dst->frames[i]) {
			dst->nr_frames = i;
			return -ENOMEM;
		}
		memcpy(dst->frames[i], src->frames[i], size);
	}
	return vrel_copy(env, dst, src);
}

void vstate_free(struct venv *env, struct vstate *st)
{
	u32 i;

	if (!st)
		return;
	for (i = 0; i < st->nr_frames; i++)
		venv_free(env, st->frames[i]);
	vrel_free(env, st);
	venv_path_put(env, st->path);
	venv_free(env, st);
}

/*
 * Reference ids of old and cur are matched pairwise as they are met; one old
 * id must always meet the same cur id and the other way round.
 */
struct idmap {
	u32 n;
	u32 old[VNR_REGS * 4 + VMAX_REFS * 2];
	u32 cur[VNR_REGS * 4 + VMAX_REFS * 2];
	/* old's variables held in more than one place: found once, when first asked */
	u32 *shared;		/* env->shared_vars */
	s32 nr_shared;		/* -1: not found yet */
};

static bool ids_match(struct idmap *m, u32 old, u32 cur)
{
	u32 i;

	/* msg->block_size's id means the field: it maps only onto itself */
	if (!old || !cur || old == VID_MSG_SIZE || cur == VID_MSG_SIZE)
		return old == cur;
	for (i = 0; i < m->n; i++) {
		if (m->old[i] == old || m->cur[i] == cur)
			return m->old[i] == old && m->cur[i] == cur;
	}
	if (m->n >= sizeof(m->old) / sizeof(m->old[0]))
		return false;
	m->old[m->n] = old;
	m->cur[m->n++] = cur;
	return true;
}

/* How many registers and spills of @st hold variable @var (a scalar's id or a pointer's oid). */
static u32 var_holders(const struct vstate *st, u32 var)
{
	u32 i, f, n = 0;

	for (f = 0; f < st->nr_frames; f++) {
		const struct vframe *fr = st->frames[f];

		for (i = 0; i < VNR_REGS; i++)
			n += vreg_var(&fr->regs[i]) == var;
		for (i = 0; i < fr->nr_slots; i++)
			n += fr->slots[i].bytes[0] == VB_SPILL && vreg_var(&fr->slots[i].spill) == var;
	}
	return n;
}

/* The variables more than one register or spill of @st holds, into @v (sorted); how many. */
static u32 shared_vars(const struct vstate *st, u32 *v)
{
	u32 i, j, f, n = 0, k = 0;

	for (f = 0; f < st->nr_frames; f++) {
		const struct vframe *fr = st->frames[f];

		for (i = 0; i < VNR_REGS; i++)
			if (vreg_var(&fr->regs[i]))
				v[n++] = vreg_var(&fr->regs[i]);
		for (i = 0; i < fr->nr_slots; i++)
			if (fr->slots[i].bytes[0] == VB_SPILL && vreg_var(&fr->slots[i].spill))
				v[n++] = vreg_var(&fr->slots[i].spill);
	}
	for (i = 1; i < n; i++) {
		u32 x = v[i];

		for (j = i; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && v[j] == v[i]; j++)
			;
		if (j - i > 1)
			v[k++] = v[i];
	}
	return k;
}

/*
 * A scalar id (a pointer's oid) matters when another register or spill,
 * in any frame, shares it: refining one refines the others, knowledge
 * old's continuation may have relied on; msg->block_size's always does,
 * and so do a read of read-only data and its offset (testing the one
 * narrows the other). Relations are compared place by place
 * (vrel_covers()).
 */
static bool id_is_linked(const struct vstate *st, struct idmap *m, u32 id)
{
	s32 i;

	if (!id)
		return false;
	if (id == VID_MSG_SIZE || (st->rl.id && (id == st->rl.id || id == st->rl.oid)))
		return true;
	if (m->nr_shared < 0)
		m->nr_shared = (s32)shared_vars(st, m->shared);
	for (i = 0; i < m->nr_shared; i++)
		if (m->shared[i] == id)
			return true;
	return false;
}

/*
 * Does every value cur's register may hold fall within old's? An
 * uninitialised old register covers anything: old's continuation was proven
 * never to read it before writing it.
 */
static bool reg_covers(const struct vstate *os, const struct vstate *cs, const struct vreg *old,
		       const struct vreg *cur, struct idmap *m)
{
	(void)cs;	/* cur's own links only add knowledge */
	if (old->type == VT_NOT_INIT || old->type == VT_GONE)
		return true;
	if (old->type != cur->type)
		return false;
	switch (old->type) {
	case VT_SCALAR:
		if (!vreg_scalar_covers(old, cur))
			return false;
		if (old->zid && !ids_match(m, old->zid, cur->zid))
			return false;
		if (id_is_linked(os, m, old->id))
			return ids_match(m, old->id, cur->id);
		return true;
	case VT_BLOCK:
	case VT_BLOCK_OR_NULL:
		if (!ids_match(m, old->id, cur->id))
			return false;
		break;
	case VT_STACK:
		if (old->frameno != cur->frameno)
			return false;
		break;
	case VT_CHAN:
		/* Each channel cur's handle may be, old's may be too. */
		return !(cur->chans & ~old->chans);
	default:
		break;
	}
	/* Copies of a pointer have one offset: they must in cur too. */
	if (id_is_linked(os, m, old->oid) && !ids_match(m, old->oid, cur->oid))
		return false;
	return old->smin <= cur->smin && old->smax >= cur->smax;
}

static bool frame_covers(const struct vstate *os, const struct vstate *cs, const struct vframe *of,
			 const struct vframe *cf, struct idmap *m)
{
	u32 i, b;

	if (of->callsite != cf->callsite || of->func != cf->func)
		return false;
	for (i = 0; i < VNR_REGS; i++)
		if (!reg_covers(os, cs, &of->regs[i], &cf->regs[i], m))
			return false;
	for (i = 0; i < of->nr_slots; i++) {
		const struct vslot *os_ = &of->slots[i];
		const struct vslot *cs_ = i < cf->nr_slots ? &cf->slots[i] : NULL;

		for (b = 0; b < 8; b++) {
			u8 ob = os_->bytes[b], cb = cs_ ? cs_->bytes[b] : VB_INVALID;

			if (ob == VB_INVALID)
				continue;
			if (cb == VB_INVALID)
				return false;
			if (ob == VB_MISC && cb == VB_SPILL && cs_->spill.type != VT_SCALAR)
				return false;
			if (ob == VB_SPILL && cb != VB_SPILL)
				return false;
		}
		if (os_->bytes[0] == VB_SPILL &&
		    !reg_covers(os, cs, &os_->spill, &cs_->spill, m))
			return false;
	}
	return true;
}

/*
 * Conditions reg_covers() checks too, without ids: most kept states differ
 * from cur in some register's bounds, and that is found before any id
 * (whose links take a scan of the state) is looked at.
 */
static bool reg_may_cover(const struct vreg *old, const struct vreg *cur)
{
	if (old->type == VT_NOT_INIT || old->type == VT_GONE)
		return true;
	if (old->type != cur->type)
		return false;
	switch (old->type) {
	case VT_SCALAR:
		return old->umin <= cur->umin && old->umax >= cur->umax &&
		       old->smin <= cur->smin && old->smax >= cur->smax;
	case VT_CHAN:
		return true;
	default:
		return old->smin <= cur->smin && old->smax >= cur->smax;
	}
}

bool vstate_covers(struct venv *env, const struct vstate *old, const struct vstate *cur)
{
	struct idmap m;
	u8 pair[VMAX_REFS];
	u32 i, j;

	if (old->nr_frames != cur->nr_frames || old->nr_refs != cur->nr_refs ||
	    cur->msg_min < old->msg_min)
		return false;
	/* The register that told the last pair apart likely tells this one. */
	i = env->cover_hint / VNR_REGS;
	j = env->cover_hint % VNR_REGS;
	if (i < old->nr_frames &&
	    !reg_may_cover(&old->frames[i]->regs[j], &cur->frames[i]->regs[j]))
		return false;
	for (i = 0; i < old->nr_frames; i++)
		for (j = 0; j < VNR_REGS; j++)
			if (!reg_may_cover(&old->frames[i]->regs[j], &cur->frames[i]->regs[j])) {
				env->cover_hint = i * VNR_REGS + j;
				return false;
			}
	m.n = 0;	/* ids_match() reads only the pairs it has written */
	m.shared = env->shared_vars;
	m.nr_shared = -1;
	for (i = 0; i < old->nr_frames; i++)
		if (!frame_covers(old, cur, old->frames[i], cur->frames[i], &m))
			return false;
	/* The same blocks must be owned, no less known about them in cur. */
	for (i = 0; i < old->nr_refs; i++) {
		const struct vref *o = &old->refs[i];
		const struct vref *c = NULL;
		u32 j;

		for (j = 0; j < cur->nr_refs && !c; j++)
			if (ids_match(&m, o->id, cur->refs[j].id) && cur->refs[j].id)
				c = &cur->refs[j];
		if (!c || c->state != o->state || c->size_min < o->size_min)
			return false;
		if (o->pending_id && !ids_match(&m, o->pending_id, c->pending_id))
			return false;
		/* The message's block is the field's size: in cur too. */
		if ((o->mid == VID_MSG_SIZE) != (c->mid == VID_MSG_SIZE))
			return false;
		pair[i] = (u8)(c - cur->refs);
	}
	/*
	 * Where old's continuation may narrow an offset by testing what was
	 * read there, cur's must read the same data at the same offsets.
	 */
	if (old->rl.id && var_holders(old, old->rl.id) &&
	    (old->rl.off != cur->rl.off || old->rl.size != cur->rl.size ||
	     old->rl.sign != cur->rl.sign || !ids_match(&m, old->rl.id, cur->rl.id) ||
	     !ids_match(&m, old->rl.oid, cur->rl.oid)))
		return false;
	/*
	 * What old knows of a size only through relations (a size read that
	 * bounds an index, a block's mapped size) must hold in cur.
	 */
	return vrel_covers(env, old, cur, pair);
}

static bool reg_same_shape(const struct vreg *a, const struct vreg *b)
{
	if (a->type != b->type)
		return false;
	if (a->type == VT_STACK)
		return a->frameno == b->frameno;
	return true;
}

static bool is_block(const struct vreg *r)
{
	return r->type == VT_BLOCK || r->type == VT_BLOCK_OR_NULL;
}

/* The id of cur that old id @id is mapped to, or 0. */
static u32 idmap_cur(const struct idmap *m, u32 id)
{
	u32 i;

	for (i = 0; i < m->n; i++)
		if (m->old[i] == id)
			return m->cur[i];
	return 0;
}

static bool idmap_has_cur(const struct idmap *m, u32 id)
{
	u32 i;

	for (i = 0; i < m->n; i++)
		if (m->cur[i] == id)
			return true;
	return false;
}

/*
 * Which reference of b each reference of a is (pair[i] for a->refs[i]):
 * through the block pointers both states hold in the same places, one to
 * one, and the references no pointer holds in order. Their states must be
 * the same. For states of equal types everywhere.
 */
static bool refs_pair(const struct vstate *a, const struct vstate *b, u8 *pair)
{
	struct idmap m;
	bool used[VMAX_REFS] = { false };
	u32 f, i, j;

	m.n = 0;
	for (f = 0; f < a->nr_frames; f++) {
		const struct vframe *fa = a->frames[f], *fb = b->frames[f];

		for (i = 0; i < VNR_REGS; i++)
			if (is_block(&fa->regs[i]) && !ids_match(&m, fa->regs[i].id, fb->regs[i].id))
				return false;
		for (i = 0; i < fa->nr_slots; i++)
			if (fa->slots[i].bytes[0] == VB_SPILL && is_block(&fa->slots[i].spill) &&
			    !ids_match(&m, fa->slots[i].spill.id, fb->slots[i].spill.id))
				return false;
	}
	for (i = 0; i < a->nr_refs; i++) {
		u32 to = idmap_cur(&m, a->refs[i].id);

		for (j = 0; j < b->nr_refs; j++)
			if (!used[j] && (to ? b->refs[j].id == to : !idmap_has_cur(&m, b->refs[j].id)))
				break;
		if (j == b->nr_refs || b->refs[j].state != a->refs[i].state ||
		    (b->refs[j].mid == VID_MSG_SIZE) != (a->refs[i].mid == VID_MSG_SIZE))
			return false;
		used[j] = true;
		pair[i] = (u8)j;
	}
	return true;
}

/* Same types everywhere, the same blocks in the same places: widening may merge them. */
bool vstate_same_shape(const struct vstate *a, const struct vstate *b)
{
	u8 pair[VMAX_REFS];
	u32 i, j, b_;

	if (a->nr_frames != b->nr_frames || a->nr_refs != b->nr_refs)
		return false;
	for (i = 0; i < a->nr_frames; i++) {
		const struct vframe *fa = a->frames[i], *fb = b->frames[i];

		if (fa->callsite != fb->callsite || fa->func != fb->func ||
		    fa->nr_slots != fb->nr_slots)
			return false;
		for (j = 0; j < VNR_REGS; j++)
			if (!reg_same_shape(&fa->regs[j], &fb->regs[j]))
				return false;
		for (j = 0; j < fa->nr_slots; j++) {
			for (b_ = 0; b_ < 8; b_++)
				if (fa->slots[j].bytes[b_] != fb->slots[j].bytes[b_])
					return false;
			if (fa->slots[j].bytes[0] == VB_SPILL &&
			    !reg_same_shape(&fa->slots[j].spill, &fb->slots[j].spill))
				return false;
		}
	}
	return refs_pair(a, b, pair);
}

/*
 * How many registers and spills hold other values in a and b (of the same
 * shape): what widening them together would lose.
 */
u32 vstate_distance(const struct vstate *a, const struct vstate *b)
{
	u32 f, i, n = 0;

	for (f = 0; f < a->nr_frames; f++) {
		const struct vframe *fa = a->frames[f], *fb = b->frames[f];

		for (i = 0; i < VNR_REGS; i++)
			n += fa->regs[i].smin != fb->regs[i].smin || fa->regs[i].smax != fb->regs[i].smax;
		for (i = 0; i < fa->nr_slots; i++)
			n += fa->slots[i].bytes[0] == VB_SPILL &&
			     (fa->slots[i].spill.smin != fb->slots[i].spill.smin ||
			      fa->slots[i].spill.smax != fb->slots[i].spill.smax);
	}
	return n;
}

/*
 * The links widening may keep. Every place that can hold a scalar id in
 * both states (a scalar register's id and zid, a spilled scalar's, a
 * reference's size and send links) gives one pair (old's id, cur's id). An
 * old id is kept when all its places hold one and the same id in cur and
 * that id is found nowhere else in cur: the link then holds in both states.
 * Any other link is dropped everywhere (a pending send with no result left
 * to settle it stays pending: every use of its block is refused).
 */
#define MAX_LINK_PAIRS (SIP_MAX_CALL_DEPTH * (VNR_REGS + VMAX_SLOTS) * 2 + VMAX_REFS * 2)

struct linkpairs {
	u32 n;
	u32 old[MAX_LINK_PAIRS], cur[MAX_LINK_PAIRS];
};

static void pair_add(struct linkpairs *lp, u32 o, u32 c)
{
	if ((o || c) && lp->n < MAX_LINK_PAIRS) {
		lp->old[lp->n] = o;
		lp->cur[lp->n++] = c;
	}
}

static void reg_pairs(struct linkpairs *lp, const struct vreg *o, const struct vreg *c)
{
	if (o->type != VT_SCALAR) {
		pair_add(lp, o->oid, c->oid);
		return;
	}
	pair_add(lp, o->id, c->id);
	pair_add(lp, o->zid, c->zid);
}

static void link_pairs(struct linkpairs *lp, const struct vstate *old, const struct vstate *cur,
		       const u8 *pair)
{
	u32 i, j;

	lp->n = 0;
	for (i = 0; i < old->nr_refs; i++)
		pair_add(lp, old->refs[i].pending_id, cur->refs[pair[i]].pending_id);
	pair_add(lp, old->rl.id, cur->rl.id);
	pair_add(lp, old->rl.oid, cur->rl.oid);
	for (i = 0; i < old->nr_frames; i++) {
		const struct vframe *fo = old->frames[i], *fc = cur->frames[i];

		for (j = 0; j < VNR_REGS; j++)
			reg_pairs(lp, &fo->regs[j], &fc->regs[j]);
		for (j = 0; j < fo->nr_slots; j++)
			if (fo->slots[j].bytes[0] == VB_SPILL)
				reg_pairs(lp, &fo->slots[j].spill, &fc->slots[j].spill);
	}
}

/* @id (of old) if its link holds in cur too, else 0. */
static u32 link_kept(const struct linkpairs *lp, u32 id)
{
	u32 i, to = 0;

	if (!id || lp->n == MAX_LINK_PAIRS)
		return 0;
	for (i = 0; i < lp->n; i++)
		if (lp->old[i] == id) {
			to = lp->cur[i];
			break;
		}
	if (!to)
		return 0;
	/* msg->block_size's id names the field: kept where cur's is the field's too */
	if (id == VID_MSG_SIZE || to == VID_MSG_SIZE) {
		for (i = 0; i < lp->n; i++)
			if (lp->old[i] == id && lp->cur[i] != id)
				return 0;
		return id;
	}
	for (i = 0; i < lp->n; i++)
		if ((lp->old[i] == id) != (lp->cur[i] == to))
			return 0;
	return id;
}

static void reg_widen(struct vreg *old, const struct vreg *cur, const struct vthresholds *th,
		      const struct linkpairs *lp)
{
	struct vreg o, c;

	if (old->type == VT_SCALAR) {
		u32 id = link_kept(lp, old->id), zid = link_kept(lp, old->zid);

		vreg_scalar_widen(old, cur, th);
		old->id = id;
		old->zid = zid;
		return;
	}
	if (old->type == VT_NOT_INIT || old->type == VT_GONE)
		return;
	if (old->type == VT_CHAN) {
		old->chans |= cur->chans;
		return;
	}
	old->oid = link_kept(lp, old->oid);
	/* Pointers: the offset widens like a number, within pointer limits. */
	vreg_unknown(&o);
	vreg_unknown(&c);
	o.smin = old->smin;
	o.smax = old->smax;
	c.smin = cur->smin;
	c.smax = cur->smax;
	vreg_sync(&o);
	vreg_sync(&c);
	vreg_scalar_widen(&o, &c, th);
	old->smin = o.smin < -VPTR_OFF_MAX ? -VPTR_OFF_MAX : o.smin;
	old->smax = o.smax > VPTR_OFF_MAX ? VPTR_OFF_MAX : o.smax;
}

/*
 * old := a state covering old and cur (vstate_same_shape() holds), with
 * moving bounds opened up, only the links that hold in both, and the
 * relations that hold in both (rel.c). Returns 1 when old did not change
 * (what it was covers what it became, whatever its values are called now):
 * it then holds every value cur may hold, though vstate_covers() (which
 * compares known bits syntactically) may not see it, and cur needs no
 * exploring of its own. 0 when old changed, -ENOMEM.
 */
int vstate_widen(struct venv *env, struct vstate *old, const struct vstate *cur)
{
	struct linkpairs *lp;
	struct vstate *before;
	u8 pair[VMAX_REFS];
	bool same;
	u32 i, j;

	/* Room kept for the whole run: link_pairs() fills it anew each time. */
	if (!env->links)
		env->links = venv_alloc(env, sizeof(*env->links));
	lp = env->links;
	if (!lp)
		return -ENOMEM;
	before = vstate_copy(env, old);
	if (!before)
		return -ENOMEM;
	refs_pair(old, cur, pair);	/* holds: same_shape */
	link_pairs(lp, old, cur, pair);
	vrel_widen_prepare(env, old, cur, pair);
	if (cur->msg_min < old->msg_min)
		old->msg_min = cur->msg_min;
	for (i = 0; i < old->nr_refs; i++) {
		struct vref *o = &old->refs[i];
		const struct vref *c = &cur->refs[pair[i]];

		o->size_min = o->size_min < c->size_min ? o->size_min : c->size_min;
		o->pending_id = link_kept(lp, o->pending_id);
	}
	/* A read's link to its offset, where both states have the same one. */
	if (old->rl.off != cur->rl.off || old->rl.size != cur->rl.size ||
	    old->rl.sign != cur->rl.sign || !link_kept(lp, old->rl.id) ||
	    !link_kept(lp, old->rl.oid))
		memset(&old->rl, 0, sizeof(old->rl));
	for (i = 0; i < old->nr_frames; i++) {
		struct vframe *fo = old->frames[i];
		const struct vframe *fc = cur->frames[i];

		for (j = 0; j < VNR_REGS; j++)
			reg_widen(&fo->regs[j], &fc->regs[j], &env->th, lp);
		for (j = 0; j < fo->nr_slots; j++)
			if (fo->slots[j].bytes[0] == VB_SPILL)
				reg_widen(&fo->slots[j].spill, &fc->slots[j].spill, &env->th, lp);
	}
	vrel_widen_finish(env, old);
	same = vstate_covers(env, before, old);
	vstate_free(env, before);
	return same;
}

static const char *const type_names[VT__COUNT] = {
	[VT_NOT_INIT] = "uninit",
	[VT_SCALAR] = "scalar",
	[VT_CTX] = "ctx",
	[VT_STACK] = "stack",
	[VT_DATA] = "data",
	[VT_RODATA] = "rodata",
	[VT_BLOCK] = "block",
	[VT_BLOCK_OR_NULL] = "block_or_null",
	[VT_CHAN] = "chan",
	[VT_GONE] = "gone",
};

const char *vtype_name(u8 type)
{
	return type < VT__COUNT ? type_names[type] : "?";
}

static int print_range(char *buf, u32 size, s64 lo, s64 hi)
{
	if (lo == hi)
		return sip_snprintf(buf, size, "%lld", (long long)lo);
	return sip_snprintf(buf, size, "[%lld, %lld]", (long long)lo, (long long)hi);
}

int vreg_print(const struct vreg *r, char *buf, u32 size)
{
	int n;

	switch (r->type) {
	case VT_NOT_INIT:
		return sip_snprintf(buf, size, "uninit");
	case VT_GONE:
		return sip_snprintf(buf, size, "gone(%s at insn %lld)",
				    r->umin == VGONE_SENT ? "sent" : r->umin == VGONE_SLOT ? "kept in a slot" :
				    "freed", (long long)r->smin);
	case VT_SCALAR:
		if (vreg_is_const(r))
			return sip_snprintf(buf, size, "%lld", (long long)r->var.value);
		n = sip_snprintf(buf, size, "scalar(u[%llu, %llu] s[%lld, %lld]", r->umin, r->umax,
				 (long long)r->smin, (long long)r->smax);
		if (!tnum_is_unknown(r->var) && (u32)n < size)
			n += sip_snprintf(buf + n, size - n, " bits %#llx/%#llx", r->var.value,
					  r->var.mask);
		if (r->id && (u32)n < size)
			n += sip_snprintf(buf + n, size - n, " v%u", r->id);
		if ((u32)n < size)
			n += sip_snprintf(buf + n, size - n, ")");
		return n;
	default:
		n = sip_snprintf(buf, size, "%s", vtype_name(r->type));
		if (r->type == VT_BLOCK || r->type == VT_BLOCK_OR_NULL)
			n += sip_snprintf(buf + n, size > (u32)n ? size - n : 0, "#%u", r->id);
		if (r->type == VT_STACK)
			n += sip_snprintf(buf + n, size > (u32)n ? size - n : 0, "@%u", r->frameno);
		if (r->type == VT_CHAN) {
			u32 k;
			const char *sep = "{";

			for (k = 0; k < 16; k++)
				if (r->chans & (1u << k)) {
					n += sip_snprintf(buf + n, size > (u32)n ? size - n : 0, "%s%u",
							  sep, k);
					sep = ",";
				}
			n += sip_snprintf(buf + n, size > (u32)n ? size - n : 0, "%s}",
					  r->chans ? "" : "{");
		} else {
			n += sip_snprintf(buf + n, size > (u32)n ? size - n : 0, "+");
			n += print_range(buf + n, size > (u32)n ? size - n : 0, r->smin, r->smax);
			if (r->oid)
				n += sip_snprintf(buf + n, size > (u32)n ? size - n : 0, " v%u", r->oid);
		}
		return n;
	}
}
