// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's own eBPF JIT as a SIP engine: no home-made JIT. Each
 * function of a rewritten handler becomes a bpf_prog that
 * bpf_prog_select_runtime() compiles; functions are compiled callees
 * first, so that a local call becomes a direct call to its callee's code,
 * the way the kernel calls helpers (imm = target - __bpf_call_base). Helper
 * calls go straight to the runtime's C helpers. The rewriter has lowered
 * cpu v4 instructions (the 6.1 JIT has none), keeps the fuel counter,
 * r11 (the JIT's scratch register AX), across calls and fetching atomics,
 * and tests the halt word after every call that may stop the SIP (native
 * code cannot be stopped from inside a helper).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/filter.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/static_call.h>

#include "instance.h"
#include "verifier.h"
#include "rewrite.h"
#include "sipdrv.h"

/*
 * What a run reads, in the instance (sip_instance_engine_slot): no look
 * into the handler's bpf_prog or our own allocation. The slot is the code
 * handle the instance keeps.
 */
struct jit_slot {
	bpf_func_t entry;
	const struct bpf_insn *insns;
	struct jit_code *code;
	bool owns_call;		/* the static call is the entry's (jit_call_give) */
};
_Static_assert(sizeof(struct jit_slot) <= SIP_ENGINE_SLOT_BYTES, "a JIT slot fits an engine slot");

struct jit_code {
	struct jit_slot *slot;
	struct jit_slot own;	/* the slot when there is no instance (tests' raw programs) */
	u32 nr_funcs;
	struct bpf_prog *fn[SIP_VERIFY_MAX_FUNCS];	/* fn[0]: the handler */
};

/* Helpers and local functions are reached as the kernel reaches helpers. */
static s64 call_imm(const void *target)
{
	return (s64)((unsigned long)target - (unsigned long)__bpf_call_base);
}

static const sip_helper_fn *jit_helpers;

static s64 jit_encode(void *cookie, u32 nr)
{
	if (nr == SIP_HELPER_TRAP)
		nr = SIP_HELPER__END;
	if (nr > SIP_HELPER__END || !jit_helpers[nr])
		return -1;
	return call_imm(jit_helpers[nr]);
}

/* Function boundaries: 0 and every local call's target, sorted. */
static u32 find_funcs(const struct sip_insn *insns, u32 len, u32 *start)
{
	u32 pc, n = 1, i;

	start[0] = 0;
	for (pc = 0; pc < len; pc++) {
		int op = sip_insn_op(&insns[pc]);
		u32 t;

		if (op == SIP_OP_CALL_LOCAL) {
			t = (u32)sip_jump_target(&insns[pc], pc, op);
			for (i = 0; i < n && start[i] != t; i++)
				;
			if (i == n && n < SIP_VERIFY_MAX_FUNCS) {
				for (i = n++; i > 0 && start[i - 1] > t; i--)
					start[i] = start[i - 1];
				start[i] = t;
			}
		}
		if (op >= 0)
			pc += sip_op_slots(op) - 1;
	}
	return n;
}

static u32 func_index(const u32 *start, u32 n, u32 pc)
{
	u32 f = 0;

	while (f + 1 < n && start[f + 1] <= pc)
		f++;
	return f;
}

struct jit_job {
	const struct sip_insn *insns;
	u32 len, nr;
	u32 start[SIP_VERIFY_MAX_FUNCS];
	const u32 *stack;
	u32 nr_stack;
	struct jit_code *code;
	struct sip_diag *diag;
};

static int compile_func(struct jit_job *job, u32 f);

/* Compiles @f after every function it calls (the verifier refused recursion). */
static int compile_after_callees(struct jit_job *job, u32 f)
{
	u32 end = f + 1 < job->nr ? job->start[f + 1] : job->len, pc;
	int ret;

	for (pc = job->start[f]; pc < end; pc++) {
		int op = sip_insn_op(&job->insns[pc]);

		if (op == SIP_OP_CALL_LOCAL) {
			u32 g = func_index(job->start, job->nr,
					   (u32)sip_jump_target(&job->insns[pc], pc, op));

			if (!job->code->fn[g]) {
				ret = compile_after_callees(job, g);
				if (ret)
					return ret;
			}
		}
		if (op >= 0)
			pc += sip_op_slots(op) - 1;
	}
	return compile_func(job, f);
}

/* A call of sip_msg_block, which the JIT inlines (see instance.h). */
static bool is_take(const struct sip_insn *insn)
{
	return sip_insn_op(insn) == SIP_OP_CALL &&
	       insn->imm == (s32)call_imm(jit_helpers[SIP_HELPER_msg_block]);
}

static int compile_func(struct jit_job *job, u32 f)
{
	u32 first = job->start[f], end = f + 1 < job->nr ? job->start[f + 1] : job->len;
	u32 n = end - first, pc, depth, extra = 0, *at = NULL;
	struct bpf_prog *prog;
	int err = 0;

	for (pc = first; pc < end; pc++)
		extra += is_take(&job->insns[pc]);
	prog = bpf_prog_alloc(bpf_prog_size(n + extra), 0);
	if (!prog)
		return -ENOMEM;
	/* -EOPNOTSUPP: the JIT cannot be used here at all (the caller may fall back). */
	if (!prog->jit_requested) {
		bpf_prog_free(prog);
		sip_diag_set(job->diag, SIP_DIAG_NO_INSN,
			     "the kernel's BPF JIT is off (net.core.bpf_jit_enable=0): load with --engine=interp");
		return -EOPNOTSUPP;
	}
	if (prog->blinding_requested) {
		bpf_prog_free(prog);
		sip_diag_set(job->diag, SIP_DIAG_NO_INSN,
			     "net.core.bpf_jit_harden asks for constant blinding, which uses the register sipdrv keeps fuel in: load with --engine=interp");
		return -EOPNOTSUPP;
	}
	/*
	 * at[pc]: where instruction pc of the function lands. sip_msg_block
	 * becomes "r0 = avail; avail = 0" on r1, the message's context (the
	 * verifier made sure r1 is it), one instruction more: the jumps over
	 * it are moved.
	 */
	at = kmalloc_array(n + 1, sizeof(*at), GFP_KERNEL);
	if (!at) {
		bpf_prog_free(prog);
		return -ENOMEM;
	}
	for (pc = 0, extra = 0; pc <= n; pc++) {
		at[pc] = pc + extra;
		if (pc < n && is_take(&job->insns[first + pc]))
			extra++;
	}
	for (pc = 0; pc < n; pc++) {
		const struct sip_insn *in = &job->insns[first + pc];
		struct bpf_insn *insn = &prog->insnsi[at[pc]];
		int op = sip_insn_op(in);

		if (is_take(in)) {
			insn[0] = BPF_LDX_MEM(BPF_DW, BPF_REG_0, BPF_REG_1,
					      offsetof(struct sip_chmsg, avail));
			insn[1] = BPF_ST_MEM(BPF_DW, BPF_REG_1, offsetof(struct sip_chmsg, avail), 0);
			continue;
		}
		memcpy(insn, in, sizeof(*insn));
		if (op == SIP_OP_CALL_LOCAL) {
			u32 g = func_index(job->start, job->nr,
					   (u32)sip_jump_target(in, first + pc, op));
			s64 imm = call_imm(job->code->fn[g]->bpf_func);

			if (imm != (s32)imm) {
				err = sip_diag_set(job->diag, first + pc, "local call out of reach");
				goto fail;
			}
			insn->src_reg = 0;
			insn->imm = (s32)imm;
		} else if (op >= 0 && (sip_insn_descs[op].flags & SIP_F_JUMP)) {
			/* Inside the function (the verifier), JA32 lowered (the rewriter). */
			s64 t = sip_jump_target(in, first + pc, op) - first;
			s32 off = t >= 0 && t < n ? (s32)at[t] - (s32)at[pc] - 1 : S32_MAX;

			if (sip_insn_descs[op].fmt == SIP_FMT_JA32 || off != (s16)off) {
				err = sip_diag_set(job->diag, first + pc,
						   "jump out of reach after inlining");
				goto fail;
			}
			insn->off = (s16)off;
		}
	}
	kfree(at);
	depth = (f < job->nr_stack ? job->stack[f] : SIP_STACK_SIZE) + SIP_STACK_FRAME_EXTRA;
	if (depth > MAX_BPF_STACK) {
		/* The verifier bounds every call chain (frames and slots) by as much. */
		err = sip_diag_set(job->diag, first, "a frame of %u bytes: the kernel's limit is %d",
				   depth, MAX_BPF_STACK);
		bpf_prog_free(prog);
		return err;
	}
	prog->len = n + extra;
	prog->aux->stack_depth = (depth + 7) & ~7u;
	prog = bpf_prog_select_runtime(prog, &err);
	if (err || !prog->jited) {
		bpf_prog_free(prog);
		return sip_diag_set(job->diag, first, "the kernel's BPF JIT could not compile it (%d)",
				    err);
	}
	job->code->fn[f] = prog;
	return 0;
fail:
	kfree(at);
	bpf_prog_free(prog);
	return err;
}

/*
 * A handler's call without a retpoline (an indirect call is one, where
 * Spectre v2 is mitigated with them): a static call, patched into a direct
 * call of the message handler of the SIP loaded last, the kernel's way of
 * calling one BPF program of many (its dispatcher, which modules cannot
 * use). A run of any other SIP calls its code indirectly. Handing the call
 * over goes through jit_redirect and a grace period: a run checks whether
 * the call is its code's (owns_call, next to the entry: no read of the
 * static call's key in another page) and calls it with preemption off, so
 * one that saw the old owner lands either there or in jit_redirect, which
 * calls the run's own code.
 */
static unsigned int jit_redirect(const void *ctx, const struct bpf_insn *insn)
{
	/* The run passes its slot in the second argument, which native code ignores. */
	const struct jit_slot *slot = (const void *)insn;

	return slot->entry(ctx, slot->insns);
}

DEFINE_STATIC_CALL(sipdrv_jit_call, jit_redirect);
static DEFINE_MUTEX(jit_call_lock);
static struct jit_code *jit_call_owner;	/* under jit_call_lock */

/* Points the call back at the redirect if @code has it (NULL: whoever has it). */
static void jit_call_release_locked(struct jit_code *code)
{
	lockdep_assert_held(&jit_call_lock);
	if (jit_call_owner && (!code || jit_call_owner == code)) {
		static_call_update(sipdrv_jit_call, jit_redirect);
		WRITE_ONCE(jit_call_owner->slot->owns_call, false);
		jit_call_owner = NULL;
	}
}

/* Gives the call to @code's handler; sleeps. */
static void jit_call_give(struct jit_code *code)
{
	mutex_lock(&jit_call_lock);
	jit_call_release_locked(NULL);
	synchronize_rcu();	/* every run that saw an earlier target is over */
	static_call_update(sipdrv_jit_call, code->slot->entry);
	WRITE_ONCE(code->slot->owns_call, true);	/* after the update: a run that sees it calls @code */
	jit_call_owner = code;
	mutex_unlock(&jit_call_lock);
}

static void jit_call_take_back(struct jit_code *code)
{
	mutex_lock(&jit_call_lock);
	jit_call_release_locked(code);
	mutex_unlock(&jit_call_lock);
}

static void jit_free(struct jit_code *code)
{
	u32 i;

	for (i = 0; i < SIP_VERIFY_MAX_FUNCS; i++)
		if (code->fn[i])
			bpf_prog_free(code->fn[i]);
	kfree(code);
}

static void jit_unload(void *p)
{
	struct jit_slot *slot = p;
	struct jit_code *code = slot->code;

	jit_call_take_back(code);
	if (slot != &code->own)
		memset(slot, 0, sizeof(*slot));
	jit_free(code);
}

static int jit_load(struct sip_instance *si, u32 kind, const struct sip_insn *insns, u32 len,
		    const u32 *func_stack, u32 nr_funcs, void **out, struct sip_diag *diag)
{
	struct jit_job job = {
		.insns = insns, .len = len, .stack = func_stack, .nr_stack = nr_funcs, .diag = diag,
	};
	struct jit_slot *slot;
	int ret;

	job.code = kzalloc(sizeof(*job.code), GFP_KERNEL);
	if (!job.code)
		return -ENOMEM;
	job.nr = find_funcs(insns, len, job.start);
	job.code->nr_funcs = job.nr;
	ret = compile_after_callees(&job, 0);
	slot = si ? sip_instance_engine_slot(si, kind) : &job.code->own;
	if (!ret && !slot)
		ret = -EINVAL;
	if (ret) {
		jit_free(job.code);
		return ret;
	}
	slot->entry = job.code->fn[0]->bpf_func;
	slot->insns = job.code->fn[0]->insnsi;
	slot->code = job.code;
	job.code->slot = slot;
	if (kind == SIP_ENTRY_MSG)
		jit_call_give(job.code);
	*out = slot;
	return 0;
}

/* Native code needs no interpreter state: only the current run, for helpers. */
int sipdrv_jit_run(struct sip_instance *si, void *p, struct sip_run *run, void *ctx, u64 *r0)
{
	struct jit_slot *slot = p;
	struct sip_run *prev = sip_run_set_current(run);

	if (READ_ONCE(slot->owns_call)) {
		/* Native code ignores its second argument: jit_redirect takes the slot there. */
		*r0 = static_call(sipdrv_jit_call)(ctx, (const struct bpf_insn *)slot);
	} else {
		*r0 = slot->entry(ctx, slot->insns);
	}
	sip_run_set_current(prev);
	return 0;
}

static const struct sip_engine jit_engine = {
	.name = "jit",
	.load = jit_load,
	.run = sipdrv_jit_run,
	.unload = jit_unload,
	.rewrite_flags = SIP_RW_SAVE_AUX | SIP_RW_LOWER_V4 | SIP_RW_JIT_FIXUPS | SIP_RW_HALT_CHECK,
	.encode_helper = jit_encode,
};

const struct sip_engine *sipdrv_jit_engine(char *msg, u32 size)
{
	jit_helpers = sip_helper_functions();
	if (!IS_ENABLED(CONFIG_BPF_JIT)) {
		snprintf(msg, size, "this kernel has no BPF JIT: load with --engine=interp");
		return NULL;
	}
	return &jit_engine;
}
