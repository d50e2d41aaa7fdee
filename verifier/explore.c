// SPDX-License-Identifier: GPL-2.0
/*
 * The verifier proper: walks every path of a handler with abstract states
 * (vstate.h), each checked along its instructions (vrun_path, check.c),
 * pruning paths an already verified state covers and widening loop heads
 * so that loops converge; sip_verify sets the walk up and reports what it
 * cost.
 */
#include "vcheck.h"

#define WIDEN_AFTER 64		/* loop-head visits explored exactly before widening */
#define MAX_THRESHOLDS 256
#define MOV_THRESHOLD 65536	/* moved constants up to this are thresholds */
#define MAX_KEPT_PER_INSN 64	/* states kept at one instruction for pruning */
#define MAX_KEPT_PER_LOOP 256	/* at a loop head: each path's turns, until widened */
#define MAX_COMPARES (4ull << 20)	/* state comparisons, over the whole run */
#define MAX_TURN_WALK 4096	/* kept states looked back at for a loop's previous turn */

/*
 * The newest state kept on st's path at st's instruction, among the
 * MAX_TURN_WALK newest kept on it, or NULL. Any such state is on
 * env->stored[st->pc], and depths fall by one along the path: the walk
 * ends at the shallowest of those that could be one.
 */
static struct vstored *previous_turn(struct venv *env, const struct vstate *st)
{
	struct vstored *a = st->anc, *s;
	u32 floor, lo = ~0u;

	if (!a)
		return NULL;
	floor = a->depth >= MAX_TURN_WALK ? a->depth - (MAX_TURN_WALK - 1) : 0;
	for (s = env->stored[st->pc]; s; s = s->next)
		if (s->depth >= floor && s->depth <= a->depth && s->depth < lo)
			lo = s->depth;
	for (; a && a->depth >= lo; a = a->st->anc)
		if (a->st->pc == st->pc)
			return a;
	return NULL;
}

/* At a prune point: 1 when a kept state covers st (the path is done). */
int vvisit(struct venv *env, struct vstate *st)
{
	struct vstored *s, **link, *shape = NULL, *turn;
	u32 pc = st->pc, kept = 0, dist = ~0u, d;
	struct vcost *cost = &env->cost[pc];
	bool widen;

	vrel_gc(env, st);	/* relations of values gone can tell nothing */
	/* The instructions since the path's last prune point were that one's. */
	env->cost[env->cost_from].insns += (u32)(env->processed - env->cost_mark);
	env->cost_from = pc;
	env->cost_mark = env->processed;
	cost->visits++;
	if ((env->flags[pc] & VI_LOOP_HEAD) && env->visits[pc] < 0xffff)
		env->visits[pc]++;
	widen = (env->flags[pc] & VI_LOOP_HEAD) && env->visits[pc] > WIDEN_AFTER;
	for (s = env->stored[pc]; s; s = s->next, kept++) {
		if (++env->compares > MAX_COMPARES)
			return verr_limit(env, pc, VLIM_CMPS,
					  "program too complex: %llu state comparisons (limit %llu)",
					  env->compares - 1, MAX_COMPARES);
		cost->cmps++;
		if (vstate_covers(env, s->st, st)) {
			env->pruned++;
			return 1;
		}
		if (!shape && vstate_same_shape(s->st, st))
			shape = s;
	}
	/*
	 * Widening merges st with the same loop's previous turn on this path
	 * if one was kept: a turn of another path differs in more than the
	 * loop's counters, and merging them loses what each path knew (a
	 * path entering the loop is kept as it is). When the list is full,
	 * with the kept state nearest to st.
	 */
	turn = widen ? previous_turn(env, st) : NULL;
	if (turn && vstate_same_shape(turn->st, st)) {
		shape = turn;
	} else if (widen && kept < MAX_KEPT_PER_LOOP) {
		widen = false;
	} else if (widen && shape) {
		for (s = shape; s; s = s->next) {
			if (!vstate_same_shape(s->st, st))
				continue;
			d = vstate_distance(s->st, st);
			if (d >= dist)
				continue;
			shape = s;
			dist = d;
		}
	}
	if (widen && shape) {
		/* Go on from a state covering both, and keep that one instead. */
		int ret = vstate_widen(env, shape->st, st);

		if (ret < 0)
			return ret;
		env->widened++;
		if (ret) {
			/* Nothing new: the kept state's continuation covers st's. */
			env->pruned++;
			return 1;
		}
		ret = vstate_assign(env, st, shape->st);
		st->anc = shape;
		return ret;
	}
	if (env->nr_stored >= env->max_states)
		return verr_limit(env, pc, VLIM_STATES, "too many states (%u) to explore",
				  env->nr_stored);
	/*
	 * A long list is long enough, but a loop head keeps more (each path's
	 * turns, widened with its own previous one) and a state of every
	 * shape it meets: widening needs one to merge with, or the loop would
	 * be explored one value at a time.
	 */
	if (kept >= ((env->flags[pc] & VI_LOOP_HEAD) ? MAX_KEPT_PER_LOOP : MAX_KEPT_PER_INSN) &&
	    (shape || !(env->flags[pc] & VI_LOOP_HEAD)))
		return 0;
	s = venv_arena_alloc(env, sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->st = vstate_keep(env, st);
	if (!s->st)
		return -ENOMEM;
	venv_path_put(env, s->st->path);	/* kept states need no history */
	s->st->path = NULL;
	s->depth = st->anc ? st->anc->depth + 1 : 0;
	st->anc = s;		/* s->st->anc: the state kept before it on this path */
	link = &env->stored[pc];
	s->next = *link;
	*link = s;
	env->nr_stored++;
	cost->kept++;
	return 0;
}

static void th_add(s64 *v, u32 *n, s64 x)
{
	u32 i;

	for (i = 0; i < *n; i++)
		if (v[i] == x)
			return;
	if (*n < MAX_THRESHOLDS)
		v[(*n)++] = x;
}

/*
 * The thresholds widening stops at: every constant a conditional jump
 * compares with (and its neighbours), the sizes of the private regions and
 * of the stack, less the access sizes; then the small constants moved into
 * registers (clang keeps a loop's bound in one: "r5 = 19; if r5 > r6").
 */
static int collect_thresholds(struct venv *env)
{
	static const s64 sizes[] = { 0, 1, 2, 4, 8 };
	const struct sip_vprog *p = env->prog;
	s64 *v = venv_alloc(env, MAX_THRESHOLDS * sizeof(s64));
	u32 n = 0, pc, i;

	if (!v)
		return -ENOMEM;
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		th_add(v, &n, (s64)p->data_size - sizes[i]);
		th_add(v, &n, (s64)p->rodata_size - sizes[i]);
		th_add(v, &n, -SIP_STACK_SIZE + sizes[i]);
	}
	for (pc = 0; pc < p->len; pc++) {
		enum sip_op op;
		s64 k;

		if (env->flags[pc] & VI_LDDW_HI)
			continue;
		op = env->ops[pc];
		if (sip_insn_descs[op].fmt != SIP_FMT_JMP_K)
			continue;
		k = SIP_CLASS(p->insns[pc].code) == SIP_JMP32 ? (s64)(u32)p->insns[pc].imm :
								   (s64)p->insns[pc].imm;
		th_add(v, &n, k - 1);
		th_add(v, &n, k);
		th_add(v, &n, k + 1);
	}
	for (pc = 0; pc < p->len; pc++) {
		enum sip_op op;
		s64 k;

		if (env->flags[pc] & VI_LDDW_HI)
			continue;
		op = env->ops[pc];
		k = p->insns[pc].imm;
		if ((op != SIP_OP_MOV64_K && op != SIP_OP_MOV32_K) || k < -MOV_THRESHOLD ||
		    k > MOV_THRESHOLD)
			continue;
		th_add(v, &n, k - 1);
		th_add(v, &n, k);
		th_add(v, &n, k + 1);
	}
	env->th.v = v;
	env->th.n = n;
	return 0;
}

static int initial_state(struct venv *env, struct vstate **out)
{
	struct vstate *st = vstate_new(env);
	struct vframe *fr = vframe_new(env);
	struct vreg *r1;

	if (!st || !fr) {
		venv_free(env, st);
		venv_free(env, fr);
		return -ENOMEM;
	}
	st->nr_frames = 1;
	st->frames[0] = fr;
	fr->regs[SIP_REG_FP].type = VT_STACK;
	r1 = &fr->regs[1];
	if (env->prog->kind == SIP_VKIND_RAW)
		vreg_unknown(r1);
	else
		r1->type = VT_CTX;
	*out = st;
	return 0;
}

static void env_free(struct venv *env)
{
	u32 pc;

	if (env->stored) {
		for (pc = 0; pc < env->prog->len; pc++) {
			struct vstored *s = env->stored[pc], *n;

			for (; s; s = n) {
				n = s->next;
				vstate_free_kept(env, s->st);
			}
		}
	}
	venv_arena_free(env);
	while (env->queue_len)
		vstate_free(env, env->queue[--env->queue_len]);
	venv_free(env, env->queue);
	venv_free(env, env->stored);
	venv_free(env, env->visits);
	venv_free(env, env->cost);
	venv_free(env, env->flags);
	venv_free(env, env->func_of);
	venv_free(env, env->ops);
	venv_free(env, env->shared_vars);
	venv_free(env, env->links);
	venv_free(env, (void *)env->th.v);
	venv_free(env, env->rel);
}

static void fill_stats(struct venv *env, struct sip_verify_stats *stats)
{
	u32 i;

	if (!stats)
		return;
	memset(stats, 0, sizeof(*stats));
	stats->processed = env->processed;
	stats->states = env->nr_stored;
	stats->pruned = env->pruned;
	stats->widened = env->widened;
	stats->nr_funcs = env->nr_funcs;
	for (i = 0; i < env->nr_funcs; i++) {
		stats->func_start[i] = env->func_start[i];
		stats->stack_depth[i] = (env->func_stack[i] + 7) & ~7u;
	}
	stats->peak_bytes = env->peak_bytes;
}

static int verify(struct venv *env, const struct sip_vprog *prog,
		  const struct sip_verify_opts *opts, struct sip_verify_stats *stats,
		  struct sip_diag *diag)
{
	struct vstate *st;
	u32 len = prog->len, i;
	int ret;

	env->prog = prog;
	env->diag = diag;
	env->next_id = VID_MSG_SIZE;	/* the ids below are fixed */
	env->max_processed = opts && opts->max_processed ? opts->max_processed : SIP_VERIFY_MAX_PROCESSED;
	env->max_states = opts && opts->max_states ? opts->max_states : SIP_VERIFY_MAX_STATES;
	if (opts) {
		env->record = opts->record;
		env->record_cookie = opts->record_cookie;
	}
	if (opts && opts->log && opts->log_size) {
		env->verbose = true;
		env->log = opts->log;
		env->log_size = opts->log_size;
		env->log[0] = 0;
	}
	if (diag) {
		diag->insn = SIP_DIAG_NO_INSN;
		diag->msg[0] = 0;
	}
	if (prog->kind > SIP_VKIND_RAW)
		return sip_diag_set(diag, SIP_DIAG_NO_INSN, "unknown handler kind %u", prog->kind);
	/* A channel handle's set has a bit per channel (struct vreg's chans). */
	if (prog->nr_channels > SIP_MAX_CHANNELS)
		return sip_diag_set(diag, SIP_DIAG_NO_INSN, "%u channels (limit %u)", prog->nr_channels,
				    SIP_MAX_CHANNELS);
	if (len > SIP_VERIFY_MAX_INSNS) {
		sip_diag_set(diag, SIP_DIAG_NO_INSN, "program too large: %u instructions (limit %u)",
			     len, SIP_VERIFY_MAX_INSNS);
		return -E2BIG;
	}
	ret = sip_prog_check_flags(prog->insns, len,
				   prog->flags & SIP_VF_REWRITTEN ? SIP_CHECK_AUX_REG : 0, diag);
	if (ret)
		return ret;

	env->flags = venv_alloc(env, len);
	env->func_of = venv_alloc(env, len * sizeof(u16));
	env->stored = venv_alloc(env, len * sizeof(*env->stored));
	env->visits = venv_alloc(env, len * sizeof(u16));
	env->cost = venv_alloc(env, len * sizeof(*env->cost));
	env->ops = venv_alloc(env, len * sizeof(*env->ops));
	env->shared_vars = venv_alloc(env, VSHARED_MAX * sizeof(u32));
	ret = -ENOMEM;
	if (!env->flags || !env->func_of || !env->stored || !env->visits || !env->cost || !env->ops ||
	    !env->shared_vars)
		goto out;
	_Static_assert(SIP_OP__COUNT <= 0x7fff, "env->ops holds a row in an s16");
	for (i = 0; i < len; i++)
		env->ops[i] = (s16)sip_insn_op(&prog->insns[i]);
	ret = vcfg_build(env);
	if (!ret)
		ret = collect_thresholds(env);
	if (!ret)
		ret = vrel_env_init(env);
	if (ret)
		goto out;
	ret = initial_state(env, &st);
	if (ret)
		goto out;
	ret = vpush_state(env, st);
	if (ret) {
		vstate_free(env, st);
		goto out;
	}
	while (env->queue_len) {
		st = env->queue[--env->queue_len];
		ret = vrun_path(env, st);
		vstate_free(env, st);
		if (ret)
			break;
	}
	if (!ret)
		ret = vstack_check(env);
out:
	fill_stats(env, stats);
	env_free(env);
	if (stats)
		stats->peak_bytes = env->peak_bytes;
	return ret;
}

/*
 * The environment is a few KiB: on the heap, not on the caller's kernel
 * stack (an ioctl's, with KASAN's red zones on top in a debug kernel).
 */
int sip_verify(const struct sip_vprog *prog, const struct sip_verify_opts *opts,
	       struct sip_verify_stats *stats, struct sip_diag *diag)
{
	struct venv *env = sip_zalloc(sizeof(*env));
	int ret;

	if (!env) {
		sip_diag_set(diag, SIP_DIAG_NO_INSN, "out of memory");
		return -ENOMEM;
	}
	ret = verify(env, prog, opts, stats, diag);
	sip_free(env);
	return ret;
}
