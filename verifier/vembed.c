// SPDX-License-Identifier: GPL-2.0
/*
 * The state-embedding oracle (see vembed.h): the verifier's states kept per
 * instruction, and a run's concrete states judged against them.
 */
#include "vembed.h"
#include "venv.h"

#define MAX_BYTES	(256u << 20)	/* recorded states at most, per program */
#define MAX_LINKS	128		/* scalar ids (and zids) in one state */
#define MAX_BLOCKS	64		/* blocks a run may have had (one bit each) */
#define STACK_BYTES	(SIP_STACK_SIZE * SIP_MAX_CALL_DEPTH + SIP_STACK_FRAME_EXTRA)

/*
 * One recorded state, copied flat. Equal states are not looked for: the
 * verifier seldom goes on twice from one (a covered state is pruned), and
 * hashing kilobytes per explored instruction cost more than the checks.
 */
struct rec {
	struct rec *next;		/* at the same instruction */
	u32 len;			/* bytes of data[] */
	u32 nr_frames, nr_refs, nr_rels;
	u64 msg_min;
	struct vrload rl;
	const struct vref *refs;	/* in data[] */
	const struct vrel *rels;	/* in data[] */
	const struct vframe *frames[SIP_MAX_CALL_DEPTH];	/* in data[] */
	u64 data[];
};

struct sip_vembed {
	const struct sip_vprog *prog;
	struct rec **at;		/* per instruction */
	u8 *fused;			/* per instruction: verified with the one before */
	u64 bytes, recorded, kept;
	bool incomplete;
	u8 written[STACK_BYTES + 1];	/* by distance below the handler's r10 */
};

static u32 frame_bytes(const struct vframe *f)
{
	return sizeof(*f) + f->nr_slots * sizeof(f->slots[0]);
}

struct sip_vembed *sip_vembed_new(const struct sip_vprog *prog)
{
	struct sip_vembed *e = sip_zalloc(sizeof(*e));

	if (!e)
		return NULL;
	e->prog = prog;
	e->at = sip_zalloc(sizeof(*e->at) * (prog->len + 1));
	e->fused = sip_zalloc(prog->len + 1);
	if (!e->at || !e->fused) {
		sip_vembed_free(e);
		return NULL;
	}
	return e;
}

void sip_vembed_free(struct sip_vembed *e)
{
	u32 pc;

	if (!e)
		return;
	for (pc = 0; e->at && pc < e->prog->len; pc++) {
		struct rec *r = e->at[pc], *n;

		for (; r; r = n) {
			n = r->next;
			sip_free(r);
		}
	}
	sip_free(e->at);
	sip_free(e->fused);
	sip_free(e);
}

bool sip_vembed_complete(const struct sip_vembed *e)
{
	return !e->incomplete;
}

void sip_vembed_counts(const struct sip_vembed *e, u64 *recorded, u64 *kept)
{
	*recorded = e->recorded;
	*kept = e->kept;
}

/* Points the copy's frames and refs into its data[]. */
static void rec_link(struct rec *r)
{
	const u8 *p = (const u8 *)r->data;
	u32 f;

	r->refs = (const struct vref *)p;
	p += r->nr_refs * sizeof(struct vref);
	r->rels = (const struct vrel *)p;
	p += r->nr_rels * sizeof(struct vrel);
	for (f = 0; f < r->nr_frames; f++) {
		r->frames[f] = (const struct vframe *)p;
		p += (frame_bytes(r->frames[f]) + 7) & ~7u;
	}
}

void sip_vembed_record(void *cookie, u32 pc, const struct vstate *st)
{
	struct sip_vembed *e = cookie;
	struct rec *r;
	u32 len, f;
	u8 *p;

	if (pc >= e->prog->len)
		return;
	if (!st) {
		e->fused[pc] = 1;
		return;
	}
	e->recorded++;
	len = st->nr_refs * sizeof(struct vref) + st->nr_rels * sizeof(struct vrel);
	for (f = 0; f < st->nr_frames; f++)
		len += (frame_bytes(st->frames[f]) + 7) & ~7u;
	if (e->incomplete || e->bytes + len > MAX_BYTES) {
		e->incomplete = true;
		return;
	}
	r = sip_zalloc(sizeof(*r) + len);
	if (!r) {
		e->incomplete = true;
		return;
	}
	r->len = len;
	r->nr_frames = st->nr_frames;
	r->nr_refs = st->nr_refs;
	r->nr_rels = st->nr_rels;
	r->msg_min = st->msg_min;
	r->rl = st->rl;
	p = (u8 *)r->data;
	memcpy(p, st->refs, st->nr_refs * sizeof(struct vref));
	p += st->nr_refs * sizeof(struct vref);
	if (st->nr_rels)
		memcpy(p, st->rels, st->nr_rels * sizeof(struct vrel));
	p += st->nr_rels * sizeof(struct vrel);
	for (f = 0; f < st->nr_frames; f++) {
		memcpy(p, st->frames[f], frame_bytes(st->frames[f]));
		p += (frame_bytes(st->frames[f]) + 7) & ~7u;
	}
	rec_link(r);
	r->next = e->at[pc];
	e->at[pc] = r;
	e->bytes += len;
	e->kept++;
}

bool sip_vembed_reached(const struct sip_vembed *e, u32 pc)
{
	return pc < e->prog->len && (e->at[pc] || e->fused[pc]);
}

void sip_vembed_run_start(struct sip_vembed *e)
{
	memset(e->written, 0, sizeof(e->written));
}

/* ---- judging one concrete state against one recorded state ---- */

struct link {
	u32 id;
	u64 v;
};

/* A block pointer with an offset variable: its address, and its reference. */
struct boff {
	u32 oid;
	int ri;
	u64 v;
};

struct judge {
	const struct sip_vconcrete *c;
	const struct rec *r;
	const struct sip_vembed *e;
	char why[160];		/* where this state differs */
	/* what is being checked, named only when it fails */
	enum { AT_FRAMES, AT_REG, AT_SLOT, AT_REF, AT_BLOCKS, AT_RELS } at;
	u32 at_frame, at_idx;
	/* the references: the blocks each may be, and whether it was seen NULL */
	u64 cand[VMAX_REFS];
	bool nonnull[VMAX_REFS], null[VMAX_REFS];
	struct link ids[MAX_LINKS], zids[MAX_LINKS];
	u32 nr_ids, nr_zids;
	struct boff boffs[MAX_LINKS];
	u32 nr_boffs;
	int chosen[VMAX_REFS];		/* the block each reference is, being tried */
};

static bool fail(struct judge *j, const char *fmt, ...) __printf(2, 3);
static bool fail(struct judge *j, const char *fmt, ...)
{
	va_list ap;
	int n;

	switch (j->at) {
	case AT_REG:
		n = sip_snprintf(j->why, sizeof(j->why), "frame %u r%u: ", j->at_frame, j->at_idx);
		break;
	case AT_SLOT:
		n = sip_snprintf(j->why, sizeof(j->why), "frame %u r10%d: ", j->at_frame,
				 -8 * (int)(j->at_idx + 1));
		break;
	case AT_REF:
		n = sip_snprintf(j->why, sizeof(j->why), "block #%u: ", j->at_idx);
		break;
	default:
		n = sip_snprintf(j->why, sizeof(j->why), "%s: ",
				 j->at == AT_FRAMES ? "frames" : j->at == AT_RELS ? "relations" : "blocks");
		break;
	}
	if (n < 0 || (u32)n >= sizeof(j->why))
		return false;
	va_start(ap, fmt);
	sip_vsnprintf(j->why + n, sizeof(j->why) - n, fmt, ap);
	va_end(ap);
	return false;
}

static bool in_offsets(const struct vreg *a, u64 o)
{
	return (s64)o >= a->smin && (s64)o <= a->smax;
}

static bool scalar_holds(const struct vreg *a, u64 v)
{
	return a->umin <= v && v <= a->umax && a->smin <= (s64)v && (s64)v <= a->smax &&
	       (v & ~a->var.mask) == a->var.value;
}

static int ref_index(const struct rec *r, u32 id)
{
	u32 i;

	for (i = 0; i < r->nr_refs; i++)
		if (r->refs[i].id == id)
			return (int)i;
	return -1;
}

/* Scalars linked by id hold one value; by zid, they are zero together. */
static bool note_link(struct judge *j, struct link *t, u32 *n, u32 id, u64 v, const char *what)
{
	u32 i;

	if (!id)
		return true;
	for (i = 0; i < *n; i++) {
		if (t[i].id != id)
			continue;
		if (t[i].v == v)
			return true;
		return fail(j, "shares %s %u with a register that holds %#llx, but holds %#llx", what,
			    id, t[i].v, v);
	}
	if (*n < MAX_LINKS) {
		t[*n].id = id;
		t[(*n)++].v = v;
	}
	return true;
}

/* The blocks a pointer of reference @ri (or none: -1) at @v may point into. */
static u64 blocks_at(const struct judge *j, int ri, const struct vreg *a, u64 v)
{
	const struct sip_vconcrete *c = j->c;
	bool pending = ri >= 0 && j->r->refs[ri].state == VREF_PENDING;
	u64 mask = 0;
	u32 b;

	for (b = 0; b < c->nr_blocks && b < MAX_BLOCKS; b++) {
		const struct sip_vblock *blk = &c->blocks[b];
		bool ok = blk->state == SIP_VBLOCK_HELD || blk->state == SIP_VBLOCK_TAKEN_BACK ||
			  (pending && blk->state == SIP_VBLOCK_SENT);

		if (ok && in_offsets(a, v - blk->start))
			mask |= 1ull << b;
	}
	return mask;
}

static bool check_value(struct judge *j, const struct vreg *a, u64 v)
{
	const struct sip_vconcrete *c = j->c;
	char buf[160];
	int ri;
	u64 m;

	switch (a->type) {
	case VT_NOT_INIT:
	case VT_GONE:
		return true;
	case VT_SCALAR:
		if (!scalar_holds(a, v)) {
			vreg_print(a, buf, sizeof(buf));
			return fail(j, "%#llx is not in %s", v, buf);
		}
		if (a->id == VID_MSG_SIZE && (!c->msg || v != c->msg->block_size))
			return fail(j, "%#llx is said to be msg->block_size, which is %#llx", v,
				    c->msg ? c->msg->block_size : 0);
		return note_link(j, j->ids, &j->nr_ids, a->id, v, "id") &&
		       note_link(j, j->zids, &j->nr_zids, a->zid, !v, "zid");
	case VT_CTX:
		return in_offsets(a, v - c->ctx) ||
		       fail(j, "ctx%+lld is not at [%lld, %lld]", (long long)(v - c->ctx),
			    (long long)a->smin, (long long)a->smax);
	case VT_STACK: {
		u64 r10 = c->stack_top - (u64)a->frameno * SIP_STACK_SIZE;

		if (!in_offsets(a, v - r10))
			return fail(j, "%#llx is not frame %u's r10%+lld..%+lld", v, a->frameno,
				    (long long)a->smin, (long long)a->smax);
		return note_link(j, j->ids, &j->nr_ids, a->oid, v - r10, "oid");
	}
	case VT_DATA:
	case VT_RODATA: {
		u64 base = a->type == VT_DATA ? c->data : c->rodata;

		if (!in_offsets(a, v - base))
			return fail(j, "%s%+lld is not at [%lld, %lld]", vtype_name(a->type),
				    (long long)(v - base), (long long)a->smin, (long long)a->smax);
		return note_link(j, j->ids, &j->nr_ids, a->oid, v - base, "oid");
	}
	case VT_CHAN:	/* one of the manifest's channels it may be */
		return (v < c->nr_channels && v < 16 && (a->chans & (1u << v))) ||
		       fail(j, "%llu is not one of its channels (%#x of %u)", v, a->chans,
			    c->nr_channels);
	case VT_BLOCK:
	case VT_BLOCK_OR_NULL:
		ri = ref_index(j->r, a->id);
		if (!v && a->type == VT_BLOCK_OR_NULL) {
			if (ri >= 0)
				j->null[ri] = true;
			return true;
		}
		m = blocks_at(j, ri, a, v);
		if (ri >= 0) {
			j->nonnull[ri] = true;
			m = j->cand[ri] &= m;
		}
		if (!m)
			return fail(j, "%#llx is not in a block the run holds at [%lld, %lld] (%s#%u)",
				    v, (long long)a->smin, (long long)a->smax, vtype_name(a->type),
				    a->id);
		if (a->oid && ri >= 0) {	/* its offset: known once its block is */
			u32 i;

			for (i = 0; i < j->nr_boffs; i++)
				if (j->boffs[i].oid == a->oid && j->boffs[i].v != v)
					return fail(j, "shares oid %u with a pointer to %#llx, but points to %#llx",
						    a->oid, j->boffs[i].v, v);
			if (j->nr_boffs < MAX_LINKS)
				j->boffs[j->nr_boffs++] = (struct boff){ a->oid, ri, v };
		}
		return true;
	default:
		return fail(j, "unknown type %u", a->type);
	}
}

/* A frame's registers and stack slots. */
static bool check_frame(struct judge *j, u32 f)
{
	const struct sip_vconcrete *c = j->c;
	const struct vframe *fr = j->r->frames[f];
	u64 r10 = c->stack_top - (u64)f * SIP_STACK_SIZE;
	u32 i, b;

	for (i = 0; i < VNR_REGS; i++) {
		u64 v;

		if (f == c->depth)
			v = c->regs[i];
		else if (i >= 6 && i <= 10)	/* a caller's r0-r5, r11: not its own now */
			v = c->callers[f].saved[i - 6];
		else
			continue;
		j->at = AT_REG;
		j->at_frame = f;
		j->at_idx = i;
		if (!check_value(j, &fr->regs[i], v))
			return false;
	}
	for (i = 0; i < fr->nr_slots; i++) {
		const struct vslot *s = &fr->slots[i];
		u64 addr = r10 - 8 * (i + 1), v;

		j->at = AT_SLOT;
		j->at_frame = f;
		j->at_idx = i;
		for (b = 0; b < 8; b++) {
			u64 dist = c->stack_top - (addr + b);

			if (s->bytes[b] == VB_INVALID)
				continue;
			if (dist > STACK_BYTES || !j->e->written[dist])
				return fail(j, "byte %u was never written", b);
		}
		if (s->bytes[0] == VB_SPILL) {
			memcpy(&v, (const void *)(unsigned long)addr, sizeof(v));
			if (!check_value(j, &s->spill, v))
				return false;
		}
	}
	return true;
}

static u64 link_value(const struct link *t, u32 n, u32 id, bool *found)
{
	u32 i;

	for (i = 0; id && i < n; i++) {
		if (t[i].id == id) {
			*found = true;
			return t[i].v;
		}
	}
	*found = false;
	return 0;
}

/*
 * The value of relational variable @var in the run (with the blocks chosen
 * for the references so far): a scalar's, a pointer's offset into its
 * region, a block's size, msg->block_size. False: nothing holds it.
 */
static bool var_value(const struct judge *j, u32 var, s64 *v)
{
	const struct sip_vconcrete *c = j->c;
	bool found;
	u64 x;
	u32 i;

	if (var == VID_MSG_SIZE) {
		*v = c->msg ? (s64)c->msg->block_size : 0;
		return c->msg;
	}
	x = link_value(j->ids, j->nr_ids, var, &found);
	if (found) {
		*v = (s64)x;
		return true;
	}
	for (i = 0; i < j->nr_boffs; i++)
		if (j->boffs[i].oid == var && j->chosen[j->boffs[i].ri] >= 0) {
			*v = (s64)(j->boffs[i].v - c->blocks[j->chosen[j->boffs[i].ri]].start);
			return true;
		}
	for (i = 0; i < j->r->nr_refs; i++)
		if (j->r->refs[i].mid == var && j->chosen[i] >= 0) {
			*v = (s64)c->blocks[j->chosen[i]].size;
			return true;
		}
	return false;
}

/* A value read from read-only data at a variable offset is what is there. */
static bool check_rload(struct judge *j)
{
	const struct vrload *rl = &j->r->rl;
	s64 v, o;
	u64 x = 0;
	u32 i;

	if (!rl->id || !var_value(j, rl->id, &v) || !var_value(j, rl->oid, &o))
		return true;
	j->at = AT_RELS;
	if (o + rl->off < 0 || o + rl->off + rl->size > (s64)j->e->prog->rodata_size)
		return fail(j, "the read at v%u%+d is outside read-only data (offset %lld)", rl->oid,
			    rl->off, (long long)o);
	for (i = 0; i < rl->size; i++)
		x |= (u64)((const u8 *)(unsigned long)j->c->rodata)[o + rl->off + i] << (8 * i);
	if (rl->sign && rl->size < 8 && (x >> (8 * rl->size - 1)) & 1)
		x |= ~0ull << (8 * rl->size);
	return (u64)v == x ||
	       fail(j, "v%u is said to be read at v%u%+d (offset %lld, holding %#llx), but is %#llx",
		    rl->id, rl->oid, rl->off, (long long)o, x, (u64)v);
}

/* Every relation between values the run has (the blocks chosen) holds. */
static bool check_rels(struct judge *j)
{
	u32 i;

	if (!check_rload(j))
		return false;
	for (i = 0; i < j->r->nr_rels; i++) {
		const struct vrel *k = &j->r->rels[i];
		s64 a, b;
		__int128 d;

		if (!var_value(j, k->a >> 1, &a) || !var_value(j, k->b >> 1, &b))
			continue;
		d = (__int128)(k->a & 1 ? -(__int128)a : a) - (k->b & 1 ? -(__int128)b : b);
		if (d > k->c) {
			j->at = AT_RELS;
			return fail(j, "%sv%u %s v%u <= %lld does not hold: %lld and %lld",
				    k->a & 1 ? "-" : "", k->a >> 1, k->b & 1 ? "+" : "-", k->b >> 1,
				    (long long)k->c, (long long)a, (long long)b);
		}
	}
	return true;
}

/*
 * Gives each reference seen non-NULL its own block (few: a plain search)
 * such that every relation holds.
 */
static bool assign(struct judge *j, u32 ri, u64 used)
{
	u64 m;

	while (ri < j->r->nr_refs && !j->nonnull[ri])
		j->chosen[ri++] = -1;
	if (ri == j->r->nr_refs)
		return check_rels(j);
	for (m = j->cand[ri] & ~used; m; m &= m - 1) {
		j->chosen[ri] = __builtin_ctzll(m);
		if (assign(j, ri + 1, used | (m & -m)))
			return true;
	}
	j->chosen[ri] = -1;
	return false;
}

/*
 * The references: each one seen non-NULL is a distinct block the run has;
 * an owned one has at least size_min bytes, the message's exactly
 * msg->block_size; a pending one was sent exactly when the send result
 * linked to it (its zid) is zero; and with the blocks so chosen, every
 * relation holds.
 */
static bool check_refs(struct judge *j)
{
	const struct sip_vconcrete *c = j->c;
	u32 i, b;

	for (i = 0; i < j->r->nr_refs; i++) {
		const struct vref *ref = &j->r->refs[i];
		bool have_zero;
		u64 zero = link_value(j->zids, j->nr_zids, ref->pending_id, &have_zero);

		j->at = AT_REF;
		j->at_idx = ref->id;
		if (j->null[i] && j->nonnull[i])
			return fail(j, "NULL in one register and not in another");
		if (!j->nonnull[i])
			continue;
		for (b = 0; b < c->nr_blocks && b < MAX_BLOCKS; b++) {
			const struct sip_vblock *blk = &c->blocks[b];
			bool ok = true;

			if (ref->state == VREF_OWNED)
				ok = ref->size_min <= blk->size;
			else if (ref->pending_id && have_zero)
				ok = zero == (blk->state == SIP_VBLOCK_SENT);
			/* the message's block is msg->block_size bytes */
			if (ref->mid == VID_MSG_SIZE && (!c->msg || blk->size != c->msg->block_size))
				ok = false;
			if (!ok)
				j->cand[i] &= ~(1ull << b);
		}
		if (!j->cand[i])
			return fail(j, "no block the run has fits: %s, at least %llu bytes%s",
				    ref->state == VREF_PENDING ? "pending send" : "owned",
				    ref->size_min, have_zero ? ", sent as its send result says" : "");
	}
	j->at = AT_BLOCKS;
	if (assign(j, 0, 0))
		return true;
	return j->at == AT_RELS ? false : fail(j, "two references would be one block");
}

static bool check_rec(struct judge *j, const struct rec *r)
{
	const struct sip_vconcrete *c = j->c;
	u32 f;

	j->r = r;
	j->nr_ids = j->nr_zids = j->nr_boffs = 0;
	for (f = 0; f < r->nr_refs; f++) {
		j->cand[f] = ~0ull;
		j->nonnull[f] = j->null[f] = false;
	}
	j->at = AT_FRAMES;
	if (r->nr_frames != c->depth + 1)
		return fail(j, "%u frames, the state has %u", c->depth + 1, r->nr_frames);
	if (r->msg_min && (!c->msg || c->msg->block_size < r->msg_min))
		return fail(j, "msg->block_size is %llu, not at least %llu",
			    c->msg ? c->msg->block_size : 0, r->msg_min);
	for (f = 1; f < r->nr_frames; f++)
		if (r->frames[f]->callsite + 1 != c->callers[f - 1].ret)
			return fail(j, "frame %u was called at insn %u, the state's at %u", f,
				    c->callers[f - 1].ret - 1, r->frames[f]->callsite);
	for (f = 0; f < r->nr_frames; f++)
		if (!check_frame(j, f))
			return false;
	return check_refs(j);
}

/* The helpers' argument types (SIP_HELPERS): which fill memory, and their sizes. */
static const u8 helper_args[SIP_HELPER__END][5] = {
#define ARGS_(nr, a1, a2, a3, a4, a5, ...) \
	[nr] = { a1, a2, a3, a4, a5 },
#define ARGS(nr, nm, ctype, params, r, ...) ARGS_(nr, __VA_ARGS__)
	SIP_HELPERS(ARGS)
#undef ARGS
#undef ARGS_
};

/*
 * A helper call writes what its prototype says it fills or changes
 * (SIP_ARG_MEM_WO, _RW): all of [p, p + size), whatever it returns.
 */
static void note_helper_writes(struct sip_vembed *e, const struct sip_vconcrete *c, u32 nr)
{
	u32 i, k;
	u64 b;

	if (nr >= SIP_HELPER__END)
		return;
	for (i = 0; i < 5; i++) {
		if (helper_args[nr][i] != SIP_ARG_MEM_WO && helper_args[nr][i] != SIP_ARG_MEM_RW)
			continue;
		for (k = i + 1; k < 5 && helper_args[nr][k] != SIP_ARG_SIZE; k++)
			;
		if (k == 5 || c->regs[k + 1] > STACK_BYTES)
			continue;
		for (b = 0; b < c->regs[k + 1]; b++) {
			u64 dist = c->stack_top - (c->regs[i + 1] + b);

			if (dist && dist <= STACK_BYTES)
				e->written[dist] = 1;
		}
	}
}

/* What the instruction at c->pc writes to the stack: those bytes are written. */
static void note_writes(struct sip_vembed *e, const struct sip_vconcrete *c)
{
	static const u8 sizes[4] = { [SIP_W >> 3] = 4, [SIP_H >> 3] = 2, [SIP_B >> 3] = 1,
				     [SIP_DW >> 3] = 8 };
	const struct sip_insn *insn = &e->prog->insns[c->pc];
	int op = sip_insn_op(insn);
	u64 addr, size, i;

	if (op < 0)
		return;
	switch (sip_insn_descs[op].fmt) {
	case SIP_FMT_ST:
	case SIP_FMT_STX:
		addr = c->regs[insn->dst] + insn->off;
		size = sizes[SIP_SIZE(insn->code) >> 3];
		break;
	case SIP_FMT_CALL:
		note_helper_writes(e, c, (u32)insn->imm);
		return;
	case SIP_FMT_CALL_LOCAL:	/* the callee's frame starts unwritten */
		addr = c->stack_top - (u64)(c->depth + 2) * SIP_STACK_SIZE;
		for (i = 0; i < SIP_STACK_SIZE; i++)
			if (c->stack_top - (addr + i) <= STACK_BYTES)
				e->written[c->stack_top - (addr + i)] = 0;
		return;
	default:
		return;
	}
	for (i = 0; i < size; i++) {
		u64 dist = c->stack_top - (addr + i);

		if (dist && dist <= STACK_BYTES)
			e->written[dist] = 1;
	}
}

int sip_vembed_step(struct sip_vembed *e, const struct sip_vconcrete *c, char *why, u32 size)
{
	struct judge j;
	struct rec **link, *r;
	u32 k = 0, n = 0;
	int ret = 0;

	if (size)
		why[0] = 0;
	if (c->pc >= e->prog->len)
		return -EINVAL;
	if (!e->at[c->pc] && !e->fused[c->pc]) {
		sip_snprintf(why, size, "no state was recorded here: the verifier never reached insn %u",
			     c->pc);
		return -EINVAL;
	}
	/*
	 * On some path the verifier took this instruction together with the
	 * one before (a narrowing pair): a state that came that way has no
	 * state of its own here. The pair's result is judged after it.
	 */
	if (e->fused[c->pc]) {
		note_writes(e, c);
		return 0;
	}
	memset(&j, 0, offsetof(struct judge, cand));
	j.c = c;
	j.e = e;
	for (link = &e->at[c->pc]; (r = *link); link = &r->next, k++) {
		if (check_rec(&j, r)) {
			if (link != &e->at[c->pc]) {	/* the next run likely matches it too */
				*link = r->next;
				r->next = e->at[c->pc];
				e->at[c->pc] = r;
			}
			break;
		}
		/* Each state's first difference, as sip_vembed_print() numbers them. */
		if (n < size) {
			int w = sip_snprintf(why + n, size - n, "%sstate %u: %s", n ? "\n" : "", k,
					     j.why);

			n += w > 0 ? (u32)w : 0;
		}
	}
	if (!r && e->at[c->pc])
		ret = -EINVAL;
	note_writes(e, c);
	return ret;
}

int sip_vembed_print(const struct sip_vembed *e, u32 pc, char *buf, u32 size)
{
	const struct rec *r;
	char v[160];
	u32 n = 0, k = 0, f, i;

#define OUT(...)								\
	do {									\
		int w_ = sip_snprintf(buf + n, n < size ? size - n : 0, __VA_ARGS__); \
		if (w_ > 0)							\
			n += (u32)w_;						\
	} while (0)
	if (size)
		buf[0] = 0;
	for (r = pc < e->prog->len ? e->at[pc] : NULL; r; r = r->next, k++) {
		OUT("state %u at insn %u:\n", k, pc);
		for (f = 0; f < r->nr_frames; f++) {
			const struct vframe *fr = r->frames[f];

			OUT("  frame %u (called at %u):", f, f ? fr->callsite : 0);
			for (i = 0; i < VNR_REGS; i++) {
				if (fr->regs[i].type == VT_NOT_INIT)
					continue;
				vreg_print(&fr->regs[i], v, sizeof(v));
				OUT(" r%u=%s", i, v);
			}
			OUT("\n");
			for (i = 0; i < fr->nr_slots; i++) {
				const struct vslot *s = &fr->slots[i];

				if (s->bytes[0] == VB_SPILL) {
					vreg_print(&s->spill, v, sizeof(v));
					OUT("    r10%d=%s\n", -8 * (int)(i + 1), v);
				} else if (memchr(s->bytes, VB_MISC, 8)) {
					OUT("    r10%d=bytes %u%u%u%u%u%u%u%u\n", -8 * (int)(i + 1),
					    s->bytes[0], s->bytes[1], s->bytes[2], s->bytes[3],
					    s->bytes[4], s->bytes[5], s->bytes[6], s->bytes[7]);
				}
			}
		}
		for (i = 0; i < r->nr_refs; i++)
			OUT("  block #%u%s, at least %llu bytes, size v%u, send zid %u\n",
			    r->refs[i].id, r->refs[i].state == VREF_PENDING ? " pending" : "",
			    r->refs[i].size_min, r->refs[i].mid, r->refs[i].pending_id);
		if (r->msg_min)
			OUT("  msg->block_size at least %llu\n", r->msg_min);
		if (r->rl.id)
			OUT("  v%u read at v%u%+d (%u bytes%s)\n", r->rl.id, r->rl.oid, r->rl.off,
			    r->rl.size, r->rl.sign ? ", signed" : "");
		for (i = 0; i < r->nr_rels; i++)
			OUT("  %sv%u %s v%u <= %lld\n", r->rels[i].a & 1 ? "-" : "", r->rels[i].a >> 1,
			    r->rels[i].b & 1 ? "+" : "-", r->rels[i].b >> 1, (long long)r->rels[i].c);
	}
#undef OUT
	return (int)n;
}
