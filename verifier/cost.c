// SPDX-License-Identifier: GPL-2.0
/*
 * Why a handler was too complex to verify. When exploring reaches a limit
 * on work, the prune point that cost the most in that limit's counter
 * (struct vcost) is named: the loop it belongs to, or the join whose paths
 * do not merge, with what its stored states differ in and what to change
 * in the source. Runs only on refusal, so it may walk the whole program and
 * every stored state; exploring only counts.
 */
#include "venv.h"

#define MAX_DIFFS 3		/* places a message lists */
#define TABLE_ROWS 8		/* prune points the verbose log lists */
#define MIN_LOOP_TURNS 64	/* a loop head met this often failed to converge */
#define MAX_KEPT_COMPARED 256	/* stored states of one point compared for a message */

static const char *const limit_names[] = {
	[VLIM_INSNS] = "instructions explored",
	[VLIM_CMPS] = "state comparisons",
	[VLIM_STATES] = "states kept",
};

static u64 cost_of(const struct vcost *c, enum vlimit lim)
{
	switch (lim) {
	case VLIM_INSNS:
		return c->insns;
	case VLIM_CMPS:
		return c->cmps;
	default:
		return c->kept;
	}
}

/* "N%" of @total, or "under 1%". */
static void share(char *buf, u32 size, u64 part, u64 total)
{
	if (part * 100 / total)
		sip_snprintf(buf, size, "%llu%%", part * 100 / total);
	else
		sip_snprintf(buf, size, "under 1%%");
}

struct mbuf {
	char *buf;
	u32 size, len;
};

static void put(struct mbuf *m, const char *fmt, ...) __printf(2, 3);
static void put(struct mbuf *m, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (m->len + 1 >= m->size)
		return;
	va_start(ap, fmt);
	n = sip_vsnprintf(m->buf + m->len, m->size - m->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		m->len = m->len + n < m->size ? m->len + n : m->size - 1;
}

const char *vsrc_line(const struct sip_vprog *p, u32 pc, u32 *line)
{
	const char *file = NULL;
	u32 i;

	*line = 0;
	if (!p->line_of)
		return NULL;
	for (i = pc; i < p->len && i < pc + 16; i++) {
		file = p->line_of(p->cookie, i, line);
		if (!file || *line)
			break;
	}
	return file;
}

/* "file.c:L" of @pc, or "insn N" without source lines. */
static void where(struct venv *env, u32 pc, char *buf, u32 size)
{
	const char *file;
	u32 line;

	file = vsrc_line(env->prog, pc, &line);
	if (file)
		sip_snprintf(buf, size, "%s:%u", file, line);
	else
		sip_snprintf(buf, size, "insn %u", pc);
}

/* "line L" of @pc when it is in the same file as @base, else as where(). */
static void where_near(struct venv *env, u32 pc, u32 base, char *buf, u32 size)
{
	const char *file, *bfile;
	u32 line, bline;

	file = vsrc_line(env->prog, pc, &line);
	bfile = vsrc_line(env->prog, base, &bline);
	if (file && bfile && !strcmp(file, bfile))
		sip_snprintf(buf, size, "line %u", line);
	else
		where(env, pc, buf, size);
}

/*
 * Where each loop ends: ext[h] is one past the last backward jump to h (0:
 * h is no loop head), so that a `continue`'s earlier jump does not cut the
 * loop short. NULL without memory: loops go unnamed.
 */
static u32 *loop_extents(struct venv *env)
{
	const struct sip_insn *insns = env->prog->insns;
	u32 len = env->prog->len, *ext = venv_alloc(env, len * sizeof(u32)), b, h;

	for (b = 0; ext && b < len; b++) {
		enum sip_op op;

		if (env->flags[b] & VI_LDDW_HI)
			continue;
		op = sip_insn_op(&insns[b]);
		if (!(sip_insn_descs[op].flags & SIP_F_JUMP) || op == SIP_OP_CALL_LOCAL)
			continue;
		h = (u32)sip_jump_target(&insns[b], b, op);
		if (h <= b && b + 1 > ext[h])
			ext[h] = b + 1;
	}
	return ext;
}

/*
 * The innermost loop holding @pc whose head is at @below or before: its
 * head in *head and its last backward jump in *back. Loops nest, so the
 * nearest head whose loop reaches @pc is the innermost.
 */
static bool loop_of(struct venv *env, const u32 *ext, u32 pc, u32 below, u32 *head, u32 *back)
{
	u32 start = env->func_start[env->func_of[pc]], h;

	if (!ext)
		return false;
	for (h = below < pc ? below : pc;; h--) {
		if (ext[h] && ext[h] - 1 >= pc) {
			*head = h;
			*back = ext[h] - 1;
			return true;
		}
		if (h <= start)
			return false;
	}
}

/* The innermost loop around @pc that did not converge, in its function. */
static bool loop_around(struct venv *env, const u32 *ext, u32 pc, u32 *head, u32 *back)
{
	u32 start = env->func_start[env->func_of[pc]], below = pc;

	while (loop_of(env, ext, pc, below, head, back)) {
		if (env->cost[*head].visits >= MIN_LOOP_TURNS)
			return true;
		if (*head <= start)
			break;
		below = *head - 1;	/* the loop around this one */
	}
	return false;
}

/*
 * The loop that did not converge around @pc, or around a call that led
 * there: a function called in a loop is explored again each turn, and its
 * joins cost what the loop's turns bring.
 */
static bool turning_loop(struct venv *env, const u32 *ext, u32 pc, u32 *head, u32 *back)
{
	const struct vstate *st;
	u32 f;

	if (loop_around(env, ext, pc, head, back))
		return true;
	if (!env->stored[pc])
		return false;
	st = env->stored[pc]->st;
	for (f = st->nr_frames - 1; f > 0; f--)
		if (loop_around(env, ext, st->frames[f]->callsite, head, back))
			return true;
	return false;
}

static bool reg_differs(const struct vreg *a, const struct vreg *b)
{
	if (a->type != b->type)
		return true;
	if (a->type == VT_NOT_INIT)
		return false;
	if (a->smin != b->smin || a->smax != b->smax)
		return true;
	return a->type == VT_SCALAR && (a->umin != b->umin || a->umax != b->umax ||
					 a->var.value != b->var.value || a->var.mask != b->var.mask);
}

static bool slot_differs(const struct vframe *a, const struct vframe *b, u32 i)
{
	static const struct vslot none;
	const struct vslot *x = i < a->nr_slots ? &a->slots[i] : &none;
	const struct vslot *y = i < b->nr_slots ? &b->slots[i] : &none;

	if (memcmp(x->bytes, y->bytes, sizeof(x->bytes)))
		return true;
	return x->bytes[0] == VB_SPILL && reg_differs(&x->spill, &y->spill);
}

/* Does place @i (a register, then a stack slot) hold the same in @a and @b? */
static bool place_differs(const struct vframe *a, const struct vframe *b, u32 i)
{
	if (i < VNR_REGS)
		return reg_differs(&a->regs[i], &b->regs[i]);
	return slot_differs(a, b, i - VNR_REGS);
}

/*
 * The places (registers r0-r9, stack slots) of the states kept at @pc
 * that take the most different values: "N places, above all ..." into @m.
 * Returns N. Quadratic in the states kept, which are bounded per point.
 */
static u32 put_diffs(struct venv *env, u32 pc, struct mbuf *m)
{
	u32 counts[VNR_REGS + VMAX_SLOTS] = { 0 }, top[MAX_DIFFS], n = 0, i, j, p, k, places = 0;
	const struct vframe **fr;
	const struct vstored *s;

	fr = venv_alloc(env, MAX_KEPT_COMPARED * sizeof(*fr));
	if (!fr)
		return 0;	/* the message is shorter, the refusal the same */
	for (s = env->stored[pc]; s && n < MAX_KEPT_COMPARED; s = s->next) {
		fr[n] = s->st->frames[s->st->nr_frames - 1];
		if (!n || fr[n]->func == fr[0]->func)
			n++;
	}
	for (p = 0; p < ARRAY_SIZE(counts); p++) {
		if (p == SIP_REG_FP || p == VREG_AUX)
			continue;
		for (i = 1; i < n; i++) {
			for (j = 0; j < i && place_differs(fr[i], fr[j], p); j++)
				;
			counts[p] += j == i;	/* a value no earlier state had */
		}
		places += counts[p] > 0;
	}
	venv_free(env, fr);
	if (!places)
		return 0;
	for (k = 0; k < MAX_DIFFS; k++) {
		u32 best = 0;

		/* Ties go to stack slots: locals the source names, not temporaries. */
		for (p = 1; p < ARRAY_SIZE(counts); p++)
			if (counts[p] > counts[best] ||
			    (counts[p] == counts[best] && best < VNR_REGS && p >= VNR_REGS))
				best = p;
		if (!counts[best])
			break;
		top[k] = best;
		counts[best] = 0;
	}
	/* "N places, above all r6, r0 and the stack slots -8, -16" */
	put(m, "%u place%s, above all ", places, places == 1 ? "" : "s");
	for (i = 0, j = 0; i < k; i++)
		if (top[i] < VNR_REGS)
			put(m, "%sr%u", j++ ? ", " : "", top[i]);
	for (i = 0, p = 0; i < k; i++)
		if (top[i] >= VNR_REGS)
			p++;
	if (p)
		put(m, "%sthe stack slot%s ", j ? " and " : "", p > 1 ? "s" : "");
	for (i = 0, j = 0; i < k; i++)
		if (top[i] >= VNR_REGS)
			put(m, "%s%d", j++ ? ", " : "", -8 * (int)(top[i] - VNR_REGS + 1));
	return places;
}

/* Verbose: the prune points that cost the most, in the limit's counter. */
static void log_table(struct venv *env, const u32 *ext, enum vlimit lim)
{
	u32 len = env->prog->len, rows[TABLE_ROWS], n, pc, j, head, back;
	char loc[64];

	vlog(env, "\nprune points by %s:\n%6s %-24s %8s %6s %9s %9s  loop\n",
	     limit_names[lim], "insn", "source", "visits", "kept", "compares", "explored");
	for (n = 0; n < TABLE_ROWS; n++) {
		u64 c, top = 0;
		u32 best = len;

		for (pc = 0; pc < len; pc++) {
			c = cost_of(&env->cost[pc], lim);
			for (j = 0; j < n && rows[j] != pc; j++)
				;
			if (j == n && c > top) {
				top = c;
				best = pc;
			}
		}
		if (best == len)
			break;
		rows[n] = best;
		where(env, best, loc, sizeof(loc));
		vlog(env, "%6u %-24s %8u %6u %9u %9u", best, loc, env->cost[best].visits,
		     env->cost[best].kept, env->cost[best].cmps, env->cost[best].insns);
		if (loop_of(env, ext, best, best, &head, &back)) {
			where(env, head, loc, sizeof(loc));
			vlog(env, "  %s %s", head == best ? "head" : "in", loc);
		}
		vlog(env, "\n");
	}
}

int vcost_refuse(struct venv *env, u32 pc, enum vlimit lim, const char *head)
{
	u32 len = env->prog->len, i, culprit = pc, lhead = 0, lback = 0, points = 0, *ext;
	u64 total = 0, top = 0, c;
	char at[64], at2[64], pct[16];
	struct mbuf m;
	const struct vcost *k;
	bool loop;

	env->cost[env->cost_from].insns += (u32)(env->processed - env->cost_mark);
	env->cost_mark = env->processed;
	for (i = 0; i < len; i++) {
		c = cost_of(&env->cost[i], lim);
		total += c;
		points += c > 0;
		if (c > top) {
			top = c;
			culprit = i;
		}
	}
	if (!env->verbose && !env->diag)
		return -E2BIG;
	ext = loop_extents(env);
	if (env->verbose)
		log_table(env, ext, lim);
	if (!env->diag)
		goto out;
	m.buf = env->diag->msg;
	m.size = sizeof(env->diag->msg);
	m.len = 0;
	env->diag->insn = pc;
	put(&m, "%s", head);
	if (!top || culprit >= len)
		goto out;
	k = &env->cost[culprit];
	loop = turning_loop(env, ext, culprit, &lhead, &lback);
	if (loop) {
		/* The loop's share: its own points, and the function called from it. */
		for (i = 0, top = 0; i < len; i++)
			if ((i >= lhead && i <= lback) ||
			    (env->func_of[i] == env->func_of[culprit] &&
			     env->func_of[culprit] != env->func_of[lhead]))
				top += cost_of(&env->cost[i], lim);
		where(env, lhead, at, sizeof(at));
		where_near(env, lback, lhead, at2, sizeof(at2));
		share(pct, sizeof(pct), top, total);
		put(&m, ": the loop at %s (back edge at %s) ran %u turns without converging (%s of %s)",
		    at, at2, env->cost[lhead].visits, pct, limit_names[lim]);
		put(&m, ": its turns differ in ");
		if (!put_diffs(env, lhead, &m))
			put(&m, "paths, not values");
		put(&m, "; fewer independent ifs per turn, updates without branches (masks) or fewer turns let it converge");
		culprit = lhead;
	} else {
		where(env, culprit, at, sizeof(at));
		share(pct, sizeof(pct), top, total);
		put(&m, ": the join at %s kept %u states of %u paths (%s of %s, at %u points)", at,
		    k->kept, k->visits, pct, limit_names[lim], points);
		put(&m, ": they differ in ");
		if (!put_diffs(env, culprit, &m))
			put(&m, "nothing kept");
		put(&m, "; give these the same value on every path (set them before the branches), or compute them without branches (masks)");
	}
	env->diag->insn = culprit;
out:
	venv_free(env, ext);
	return -E2BIG;
}
