// SPDX-License-Identifier: GPL-2.0
/*
 * The verifier's control-flow pass, before any value is tracked: splits the
 * program into functions (the handler and its local callees), refuses jumps
 * between functions, recursion, code that falls into the next function and
 * instructions no path reaches, and marks where states are compared (jump
 * targets) and where loops close (targets of backward jumps).
 */
#include "venv.h"

static int func_index(struct venv *env, u32 start)
{
	u32 i;

	for (i = 0; i < env->nr_funcs; i++)
		if (env->func_start[i] == start)
			return i;
	return -1;
}

static int add_func(struct venv *env, u32 pc, u32 start)
{
	u32 i;

	if (func_index(env, start) >= 0)
		return 0;
	if (env->nr_funcs >= SIP_VERIFY_MAX_FUNCS)
		return verr(env, pc, "too many local functions (limit %d)", SIP_VERIFY_MAX_FUNCS);
	/* Keep func_start sorted. */
	for (i = env->nr_funcs; i > 0 && env->func_start[i - 1] > start; i--)
		env->func_start[i] = env->func_start[i - 1];
	env->func_start[i] = start;
	env->nr_funcs++;
	return 0;
}

static bool ends_flow(enum sip_op op)
{
	return op == SIP_OP_EXIT || op == SIP_OP_JA || op == SIP_OP_JA32;
}

static int find_funcs(struct venv *env)
{
	const struct sip_insn *insns = env->prog->insns;
	u32 pc, f;
	int ret;

	env->nr_funcs = 1;
	env->func_start[0] = 0;
	for (pc = 0; pc < env->prog->len; pc++) {
		enum sip_op op = env->ops[pc];

		if (op == SIP_OP_CALL_LOCAL) {
			ret = add_func(env, pc, (u32)sip_jump_target(&insns[pc], pc, op));
			if (ret)
				return ret;
		}
		if (sip_op_slots(op) == 2)
			env->flags[++pc] |= VI_LDDW_HI;
	}
	for (f = 0, pc = 0; pc < env->prog->len; pc++) {
		if (f + 1 < env->nr_funcs && env->func_start[f + 1] == pc) {
			u32 last = pc - 1;

			if (env->flags[last] & VI_LDDW_HI)
				last--;
			if (!ends_flow(env->ops[last]))
				return verr(env, last, "falls through into the next function (at insn %u)", pc);
			f++;
		}
		env->func_of[pc] = (u16)f;
	}
	for (f = 0; f < env->nr_funcs; f++)
		env->flags[env->func_start[f]] |= VI_FUNC_START | VI_PRUNE;
	return 0;
}

/* Jumps stay inside their function; mark targets, loop heads, successors. */
static int check_jumps(struct venv *env)
{
	const struct sip_insn *insns = env->prog->insns;
	u32 pc;

	for (pc = 0; pc < env->prog->len; pc++) {
		const struct sip_insn_desc *d;
		enum sip_op op;
		u32 target;

		if (env->flags[pc] & VI_LDDW_HI)
			continue;
		op = env->ops[pc];
		d = &sip_insn_descs[op];
		if (!(d->flags & SIP_F_JUMP))
			continue;
		target = (u32)sip_jump_target(&insns[pc], pc, op);
		if (env->func_of[target] != env->func_of[pc])
			return verr(env, pc, "jump to insn %u leaves the function", target);
		env->flags[target] |= VI_PRUNE;
		if (target <= pc)
			env->flags[target] |= VI_LOOP_HEAD;
		if (d->fmt != SIP_FMT_JA && d->fmt != SIP_FMT_JA32 && pc + 1 < env->prog->len)
			env->flags[pc + 1] |= VI_PRUNE;
	}
	return 0;
}

/* Depth-first walk from the entry; calls enter functions; no recursion. */
static int reach(struct venv *env)
{
	const struct sip_insn *insns = env->prog->insns;
	u32 len = env->prog->len, *stack, sp = 0, pc;
	int ret = 0;

	stack = venv_alloc(env, sizeof(u32) * (len + 1));
	if (!stack)
		return -ENOMEM;
	stack[sp++] = 0;
	env->flags[0] |= VI_REACHED;
	while (sp) {
		enum sip_op op;
		const struct sip_insn_desc *d;
		u32 next[2], n = 0, i;

		pc = stack[--sp];
		op = env->ops[pc];
		d = &sip_insn_descs[op];
		if (d->flags & SIP_F_JUMP)
			next[n++] = (u32)sip_jump_target(&insns[pc], pc, op);
		if (!ends_flow(op))
			next[n++] = pc + sip_op_slots(op);
		if (op == SIP_OP_CALL_LOCAL)
			next[n++] = (u32)sip_jump_target(&insns[pc], pc, op);
		for (i = 0; i < n; i++) {
			if (next[i] >= len || (env->flags[next[i]] & VI_REACHED))
				continue;
			env->flags[next[i]] |= VI_REACHED;
			stack[sp++] = next[i];
		}
	}
	for (pc = 0; pc < len; pc++)
		if (!(env->flags[pc] & (VI_REACHED | VI_LDDW_HI))) {
			ret = verr(env, pc, "unreachable instruction");
			goto out;
		}
	ret = 0;
out:
	venv_free(env, stack);
	return ret;
}

/* A call graph walk: a function that can reach itself is recursive. */
static int check_recursion(struct venv *env)
{
	const struct sip_insn *insns = env->prog->insns;
	u32 f, pc, changed;
	int g;
	u8 calls[SIP_VERIFY_MAX_FUNCS][SIP_VERIFY_MAX_FUNCS / 8];
	u32 where[SIP_VERIFY_MAX_FUNCS];

	memset(calls, 0, sizeof(calls));
	memset(where, 0, sizeof(where));
	for (pc = 0; pc < env->prog->len; pc++) {
		if (env->flags[pc] & VI_LDDW_HI)
			continue;
		if (env->ops[pc] == SIP_OP_CALL_LOCAL) {
			f = env->func_of[pc];
			g = func_index(env, (u32)sip_jump_target(&insns[pc], pc, SIP_OP_CALL_LOCAL));
			if (g < 0)
				continue;
			calls[f][g / 8] |= 1 << (g % 8);
			if (f == (u32)g)
				return verr(env, pc, "recursive call of the function at insn %u",
					    env->func_start[g]);
			where[f] = pc;
		}
	}
	/* Transitive closure: small (at most 64 functions). */
	do {
		changed = 0;
		for (f = 0; f < env->nr_funcs; f++)
			for (g = 0; g < (int)env->nr_funcs; g++) {
				u32 h;

				if (!(calls[f][g / 8] & (1 << (g % 8))))
					continue;
				for (h = 0; h < env->nr_funcs / 8 + 1; h++) {
					u8 add = calls[g][h] & ~calls[f][h];

					if (add) {
						calls[f][h] |= add;
						changed = 1;
					}
				}
			}
	} while (changed);
	for (f = 0; f < env->nr_funcs; f++)
		if (calls[f][f / 8] & (1 << (f % 8)))
			return verr(env, where[f], "recursive call: the function at insn %u can call itself",
				    env->func_start[f]);
	return 0;
}

int vcfg_build(struct venv *env)
{
	int ret;

	ret = find_funcs(env);
	if (!ret)
		ret = check_jumps(env);
	if (!ret)
		ret = reach(env);
	if (!ret)
		ret = check_recursion(env);
	return ret;
}
