// SPDX-License-Identifier: GPL-2.0
/* The portable interpreter: loading (decoding) programs and the two run modes. */
#include "platform.h"
#include "interp.h"

/* A decoded instruction: what the dispatch loop reads, 16 bytes. */
struct sip_dinsn {
	u8 op;		/* enum sip_op */
	u8 dst;
	u8 src;
	u8 pad;
	s32 off;	/* memory offset, or a jump's displacement from the next insn */
	u64 imm;	/* sign-extended imm, lddw's 64 bits, a local call's target index */
};

struct sip_prog {
	struct sip_helper_table helpers;
	u32 len;
	struct sip_dinsn insns[];
};

struct sip_frame {
	u64 saved[5];	/* r6..r9, r10 */
	const struct sip_dinsn *ret;
};

int sip_prog_load(const struct sip_insn *insns, u32 len, const struct sip_helper_table *helpers,
		  struct sip_prog **out, struct sip_diag *diag)
{
	return sip_prog_load_flags(insns, len, 0, helpers, out, diag);
}

int sip_prog_load_flags(const struct sip_insn *insns, u32 len, u32 flags,
			const struct sip_helper_table *helpers, struct sip_prog **out,
			struct sip_diag *diag)
{
	static const struct sip_helper_table no_helpers;
	struct sip_prog *prog;
	u32 idx;
	int ret;

	ret = sip_prog_check_flags(insns, len, flags, diag);
	if (ret)
		return ret;
	if (!helpers)
		helpers = &no_helpers;

	prog = sip_zalloc(sizeof(*prog) + (unsigned long)len * sizeof(prog->insns[0]));
	if (!prog)
		return -ENOMEM;
	prog->helpers = *helpers;
	prog->len = len;

	for (idx = 0; idx < len; idx++) {
		const struct sip_insn *insn = &insns[idx];
		struct sip_dinsn *d = &prog->insns[idx];
		enum sip_op op = sip_insn_op(insn);
		const struct sip_insn_desc *desc = &sip_insn_descs[op];

		d->op = op;
		d->dst = insn->dst;
		d->src = insn->src;
		d->off = insn->off;
		d->imm = (u64)(s64)insn->imm;
		if (desc->flags & SIP_F_JUMP)
			d->off = (s32)(sip_jump_target(insn, idx, op) - idx - 1);
		switch (op) {
		case SIP_OP_LDDW_DATA:
		case SIP_OP_LDDW_RODATA:
			sip_prog_free(prog);
			return sip_diag_set(diag, idx, "lddw of private data must be relocated before it runs");
		case SIP_OP_LDDW:
			d->imm = sip_lddw_imm(insn);
			/* The second slot is never dispatched: jumps cannot reach it. */
			prog->insns[++idx].op = SIP_OP_EXIT;
			break;
		case SIP_OP_CALL_LOCAL:
			d->imm = (u64)sip_jump_target(insn, idx, op);
			break;
		case SIP_OP_CALL:
			if ((u32)insn->imm >= helpers->count || !helpers->fns[insn->imm]) {
				sip_prog_free(prog);
				return sip_diag_set(diag, idx, "call to unknown helper %d", insn->imm);
			}
			break;
		default:
			break;
		}
	}
	*out = prog;
	return 0;
}

void sip_prog_free(struct sip_prog *prog)
{
	sip_free(prog);
}

void sip_run_stop(void)
{
	sip_run_current()->stop = true;
}

void sip_run_abort(s32 code)
{
	struct sip_run *run = sip_run_current();

	run->stop = true;
	run->abort_code = code ? code : -EFAULT;
}

static const char *const fault_names[] = {
	[SIP_FAULT_NONE] = "none",
	[SIP_FAULT_MEM] = "memory access out of bounds",
	[SIP_FAULT_READONLY] = "store to read-only memory",
	[SIP_FAULT_ALIGN] = "misaligned atomic access",
	[SIP_FAULT_CALL_DEPTH] = "call depth exceeded",
	[SIP_FAULT_HELPER] = "call to unknown helper",
	[SIP_FAULT_ABORT] = "aborted by a helper",
	[SIP_FAULT_BUDGET] = "instruction budget exhausted",
	[SIP_FAULT_STEP] = "stopped by the step hook",
};

const char *sip_fault_name(enum sip_fault_kind kind)
{
	if ((unsigned int)kind >= ARRAY_SIZE(fault_names))
		return "unknown fault";
	return fault_names[kind];
}

/* Signed division and modulo with the kernel's answers for 0 and -1. */
static __always_inline u64 sdiv64(u64 a, u64 b)
{
	if (!b)
		return 0;
	if ((s64)b == -1)
		return -a;
	return (u64)sip_div64_s64((s64)a, (s64)b);
}

static __always_inline u64 smod64(u64 a, u64 b)
{
	if (!b)
		return a;
	if ((s64)b == -1)
		return 0;
	return a - (u64)sip_div64_s64((s64)a, (s64)b) * b;
}

static __always_inline u64 sdiv32(u64 a, u64 b)
{
	s32 x = (s32)a, y = (s32)b;

	if (!y)
		return 0;
	if (y == -1)
		return (u32)-(u32)x;
	return (u32)(x / y);
}

static __always_inline u64 smod32(u64 a, u64 b)
{
	s32 x = (s32)a, y = (s32)b;

	if (!y)
		return (u32)x;
	if (y == -1)
		return 0;
	return (u32)(x % y);
}

static void fault_at(struct sip_run *run, const struct sip_prog *prog, const struct sip_dinsn *pc,
		     enum sip_fault_kind kind, u64 addr, u32 size)
{
	run->fault.kind = kind;
	run->fault.insn = (u32)(pc - prog->insns);
	run->fault.addr = addr;
	run->fault.size = size;
	run->fault.code = 0;
}

/* Checked mode: is [addr, addr + size) inside the live stack or a region? */
static bool access_ok(const struct sip_run *run, u64 addr, u32 size, bool write,
		      u64 stack_top, u32 depth)
{
	u64 stack_lo = stack_top - (u64)(depth + 1) * SIP_STACK_SIZE - (run->hidden_slot ? 8 : 0);
	u32 i;

	if (addr >= stack_lo && addr < stack_top && size <= stack_top - addr)
		return true;
	for (i = 0; i < run->nr_regions; i++) {
		const struct sip_region *r = &run->regions[i];

		if (addr >= r->start && addr - r->start < r->size && size <= r->size - (addr - r->start))
			return !write || r->writable;
	}
	return false;
}

static void fault_mem(struct sip_run *run, const struct sip_prog *prog, const struct sip_dinsn *pc,
		      u64 addr, u32 size, bool write)
{
	enum sip_fault_kind kind = SIP_FAULT_MEM;
	u32 i;

	for (i = 0; write && i < run->nr_regions; i++) {
		const struct sip_region *r = &run->regions[i];

		if (addr >= r->start && addr - r->start < r->size && size <= r->size - (addr - r->start))
			kind = SIP_FAULT_READONLY;
	}
	fault_at(run, prog, pc, kind, addr, size);
}

/* Checked mode: the state before @pc, shown to the run's step hook. */
static sip_noinline int step_hook(struct sip_run *run, const struct sip_prog *prog,
				  const struct sip_dinsn *pc, const u64 *regs,
				  const struct sip_frame *frames, u32 depth, u64 stack_top)
{
	struct sip_step_frame f[SIP_MAX_CALL_DEPTH];
	struct sip_step s = {
		.pc = (u32)(pc - prog->insns), .depth = depth, .regs = regs, .frames = f,
		.stack_top = stack_top,
	};
	u32 i;

	for (i = 0; i < depth; i++) {
		memcpy(f[i].saved, frames[i].saved, sizeof(f[i].saved));
		f[i].ret = (u32)(frames[i].ret - prog->insns);
	}
	return run->step(run->step_cookie, &s);
}

#define INTERP_NAME interp_fast
#define INTERP_CHECKED 0
#include "interp_loop.h"
#undef INTERP_NAME
#undef INTERP_CHECKED

#define INTERP_NAME interp_checked
#define INTERP_CHECKED 1
#include "interp_loop.h"
#undef INTERP_NAME
#undef INTERP_CHECKED

int sip_interp_run(const struct sip_prog *prog, struct sip_run *run)
{
	return interp_fast(prog, run);
}

int sip_interp_run_checked(const struct sip_prog *prog, struct sip_run *run)
{
	return interp_checked(prog, run);
}
