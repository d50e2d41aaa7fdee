// SPDX-License-Identifier: GPL-2.0
/*
 * The stack of a whole run: after exploration has found how many bytes of
 * stack each function addresses, every chain of local calls must fit in
 * SIP_STACK_SIZE, each frame counting its bytes rounded up to 8 plus the
 * runtime's SIP_STACK_FRAME_EXTRA (the JIT gives each function that much
 * kernel stack), as Linux's check_max_stack_depth does.
 */
#include "venv.h"

#define NO_FUNC 0xffffffffu
#define CHAIN_SHOWN 4		/* frames named in full; longer chains are cut */

struct vchains {
	u8 calls[SIP_VERIFY_MAX_FUNCS][SIP_VERIFY_MAX_FUNCS];	/* f calls g */
	u32 call_at[SIP_VERIFY_MAX_FUNCS][SIP_VERIFY_MAX_FUNCS];	/* one such call */
	u32 bytes[SIP_VERIFY_MAX_FUNCS];	/* the deepest chain from f on */
	u32 next[SIP_VERIFY_MAX_FUNCS];		/* the function it calls next */
};

/*
 * A rewritten program addresses its hidden slot itself (and the verifier
 * counted it in the function's depth): its frames cost what they address.
 */
static u32 frame_bytes(const struct venv *env, u32 f)
{
	u32 extra = env->prog->flags & SIP_VF_REWRITTEN ? 0 : SIP_STACK_FRAME_EXTRA;

	return ((env->func_stack[f] + 7) & ~7u) + extra;
}

static void find_calls(const struct venv *env, struct vchains *c)
{
	const struct sip_insn *insns = env->prog->insns;
	u32 pc, f, g;

	for (pc = 0; pc < env->prog->len; pc++) {
		if (env->flags[pc] & VI_LDDW_HI)
			continue;
		if (env->ops[pc] != SIP_OP_CALL_LOCAL)
			continue;
		f = env->func_of[pc];
		g = env->func_of[sip_jump_target(&insns[pc], pc, SIP_OP_CALL_LOCAL)];
		if (!c->calls[f][g]) {
			c->calls[f][g] = 1;
			c->call_at[f][g] = pc;
		}
	}
}

/*
 * The deepest chain from every function. The call graph has no cycle (the
 * CFG pass refused recursion), so relaxing every edge as many times as
 * there are functions reaches the fixed point.
 */
static void deepest_chains(const struct venv *env, struct vchains *c)
{
	u32 f, g, round;
	bool changed = true;

	for (f = 0; f < env->nr_funcs; f++) {
		c->bytes[f] = frame_bytes(env, f);
		c->next[f] = NO_FUNC;
	}
	for (round = 0; changed && round <= env->nr_funcs; round++) {
		changed = false;
		for (f = 0; f < env->nr_funcs; f++)
			for (g = 0; g < env->nr_funcs; g++) {
				u32 via = frame_bytes(env, f) + c->bytes[g];

				if (c->calls[f][g] && via > c->bytes[f]) {
					c->bytes[f] = via;
					c->next[f] = g;
					changed = true;
				}
			}
	}
}

/* "handler -> insn A -> insn B", the middle left out of long chains. */
static void chain_text(const struct venv *env, const struct vchains *c, char *buf, u32 size,
		       u32 *frames, u32 *last_call)
{
	u32 f, n = 0, len;

	len = sip_snprintf(buf, size, "handler");
	*last_call = SIP_DIAG_NO_INSN;
	for (f = 0; c->next[f] != NO_FUNC; f = c->next[f])
		n++;
	*frames = n + 1;
	for (f = 0, n = 0; c->next[f] != NO_FUNC; f = c->next[f]) {
		u32 g = c->next[f];

		n++;
		*last_call = c->call_at[f][g];
		if (*frames > CHAIN_SHOWN + 1 && n >= CHAIN_SHOWN - 1 && n < *frames - 1) {
			if (n == CHAIN_SHOWN - 1 && len < size)
				len += sip_snprintf(buf + len, size - len, " -> ...");
			continue;
		}
		if (len < size)
			len += sip_snprintf(buf + len, size - len, " -> insn %u", env->func_start[g]);
	}
	if (*frames > CHAIN_SHOWN + 1 && len < size)
		sip_snprintf(buf + len, size - len, " (%u frames)", *frames);
}

int vstack_check(struct venv *env)
{
	u32 extra = env->prog->flags & SIP_VF_REWRITTEN ? 0 : SIP_STACK_FRAME_EXTRA;
	struct vchains *c = venv_alloc(env, sizeof(*c));
	u32 frames, last_call, bytes;
	char chain[96];
	int ret = 0;

	if (!c)
		return -ENOMEM;
	find_calls(env, c);
	deepest_chains(env, c);
	bytes = c->bytes[0];
	if (bytes <= SIP_STACK_SIZE)
		goto out;
	chain_text(env, c, chain, sizeof(chain), &frames, &last_call);
	if (frames == 1)
		ret = verr(env, env->func_stack_at[0],
			   "stack too deep: the handler uses %u bytes (its stack plus %u for the runtime); a run may use at most %u",
			   bytes, extra, SIP_STACK_SIZE);
	else
		ret = verr(env, last_call,
			   "stack too deep: the call chain %s uses %u bytes (each frame's stack plus %u for the runtime); a run may use at most %u",
			   chain, bytes, extra, SIP_STACK_SIZE);
out:
	venv_free(env, c);
	return ret;
}
