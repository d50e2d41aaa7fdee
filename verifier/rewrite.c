// SPDX-License-Identifier: GPL-2.0
/* The load-time rewriter: fuel checks, then relocation (see rewrite.h). */
#include "platform.h"
#include "rewrite.h"
#include <sipdrv/abi.h>

#define S64_MAX_FUEL 0x7fffffffffffffffll	/* r11 counts down as a signed value */
#define MAX_WEIGHT 0x7fffffffull	/* a backward jump's weight: the subtraction's imm */
#define SECOND_SLOT (~0ull)		/* path[] of a wide instruction's second half */
#define INSN(c, d, s, o, i) ((struct sip_insn){ .code = (c), .dst = (d), .src = (s), .off = (o), .imm = (i) })

struct rw {
	const struct sip_insn *in;
	u32 len;
	const struct sip_rewrite_opts *opts;
	struct sip_diag *diag;
	u32 *map;		/* old index -> new index of what was inserted before it */
	u32 *func_of;		/* old index -> function */
	u32 nr_funcs;
	u32 *func_start;	/* old index of each function's first insn */
	u32 *trap;		/* new index of each function's trap block (or ~0) */
	u32 *unwind;		/* new index of each function's unwind block (or ~0) */
	u32 *halt;		/* new index of each function's halt block (or ~0) */
	u64 *cost;		/* per function: path[] of its first insn (0: not yet) */
	u64 *path;		/* old index -> the longest run from it without a backward jump */
	bool fueled;		/* some function loops: r11 counts, and is kept */
	struct sip_insn *out;	/* NULL while counting */
	u32 n;			/* instructions emitted (or counted) */
};

static bool is_backward_jump(const struct sip_insn *insns, u32 pc, enum sip_op op)
{
	return (sip_insn_descs[op].flags & SIP_F_JUMP) && sip_jump_target(&insns[pc], pc, op) <= pc;
}

static void emit(struct rw *rw, struct sip_insn insn)
{
	if (rw->out)
		rw->out[rw->n] = insn;
	rw->n++;
}

/* A jump at the next position to new index @to: checks the offset fits. */
static int emit_jump(struct rw *rw, struct sip_insn insn, u32 to, bool in_imm)
{
	s64 delta = (s64)to - (s64)rw->n - 1;

	if (rw->out) {
		if (in_imm) {
			insn.imm = (s32)delta;
		} else {
			if (delta < -32768 || delta > 32767)
				return sip_diag_set(rw->diag, rw->n,
						    "rewritten jump offset %lld does not fit 16 bits: the function is too large",
						    (long long)delta);
			insn.off = (s16)delta;
		}
	}
	emit(rw, insn);
	return 0;
}

static int find_funcs(struct rw *rw)
{
	u32 pc, f, i;

	rw->func_start[0] = 0;
	rw->nr_funcs = 1;
	for (pc = 0; pc < rw->len; pc++) {
		enum sip_op op = sip_insn_op(&rw->in[pc]);
		u32 t;

		if (op == SIP_OP_CALL_LOCAL) {
			t = (u32)sip_jump_target(&rw->in[pc], pc, op);
			for (i = 0; i < rw->nr_funcs && rw->func_start[i] != t; i++)
				;
			if (i == rw->nr_funcs) {
				for (i = rw->nr_funcs++; i > 0 && rw->func_start[i - 1] > t; i--)
					rw->func_start[i] = rw->func_start[i - 1];
				rw->func_start[i] = t;
			}
		}
		pc += sip_op_slots(op) - 1;
	}
	for (f = 0, pc = 0; pc < rw->len; pc++) {
		if (f + 1 < rw->nr_funcs && rw->func_start[f + 1] == pc)
			f++;
		rw->func_of[pc] = f;
	}
	return 0;
}

static u32 func_end(struct rw *rw, u32 f)
{
	return f + 1 < rw->nr_funcs ? rw->func_start[f + 1] : rw->len;
}

static u32 callee_of(struct rw *rw, u32 pc)
{
	return rw->func_of[sip_jump_target(&rw->in[pc], pc, SIP_OP_CALL_LOCAL)];
}

static u64 sat_add(u64 a, u64 b)
{
	return a + b > MAX_WEIGHT ? MAX_WEIGHT : a + b;
}

/*
 * The most instructions a run from each instruction of function @f can
 * execute before its next backward jump or the function's return: the
 * longest path through forward jumps (they only go up, so one pass from
 * the end finds it), each local call counting its callee's run from its
 * entry the same way (no recursion: the verifier refused it). A backward
 * jump ends the path when taken: the jump pays for what follows. Returns
 * the function's own, from its entry; saturates at MAX_WEIGHT.
 */
static u64 func_cost(struct rw *rw, u32 f)
{
	u32 start = rw->func_start[f], end = func_end(rw, f), pc;

	if (rw->cost[f])
		return rw->cost[f];
	/* Mark second slots of wide instructions: they never run on their own. */
	for (pc = start; pc < end; pc += sip_op_slots(sip_insn_op(&rw->in[pc])))
		if (pc + 1 < end && sip_op_slots(sip_insn_op(&rw->in[pc])) == 2)
			rw->path[pc + 1] = SECOND_SLOT;
	for (pc = end; pc-- > start;) {
		const struct sip_insn *insn = &rw->in[pc];
		enum sip_op op = sip_insn_op(insn);
		u64 c = 1, next = 0;

		if (rw->path[pc] == SECOND_SLOT)
			continue;
		if (op == SIP_OP_CALL_LOCAL)
			c = sat_add(c, func_cost(rw, callee_of(rw, pc)));
		if (op == SIP_OP_EXIT) {
			next = 0;
		} else if (sip_insn_descs[op].flags & SIP_F_JUMP) {
			u32 to = (u32)sip_jump_target(insn, pc, op);

			if (to > pc && to < end)
				next = rw->path[to];
			if (op != SIP_OP_JA && op != SIP_OP_JA32 && pc + 1 < end &&
			    rw->path[pc + 1] > next)
				next = rw->path[pc + 1];
		} else {
			u32 n = pc + sip_op_slots(op);

			next = n < end ? rw->path[n] : 0;
		}
		rw->path[pc] = sat_add(c, next);
	}
	rw->cost[f] = rw->path[start];	/* at least 1: the entry itself */
	return rw->cost[f];
}

/*
 * The fuel a backward jump charges: the longest run from its target to
 * the next backward jump or the return (each time it runs, taken or not:
 * not taken, the run it ends was paid for by what started it).
 */
static s32 jump_weight(struct rw *rw, u32 pc, enum sip_op op)
{
	u32 f = rw->func_of[pc], to = (u32)sip_jump_target(&rw->in[pc], pc, op);

	func_cost(rw, f);
	return (s32)rw->path[to];
}

/*
 * Helpers that may stop the SIP (every one but those that only read what
 * the SIP is given): with SIP_RW_HALT_CHECK, each call is followed by a
 * test of the halt word.
 */
static bool may_halt(const struct sip_insn *insn, enum sip_op op)
{
	if (op == SIP_OP_CALL_LOCAL)
		return true;
	if (op != SIP_OP_CALL)
		return false;
	switch (insn->imm) {
	case SIP_HELPER_msg_block:
	case SIP_HELPER_chan:
	case SIP_HELPER_time_ns:
		return false;
	default:
		return true;
	}
}

/* if (*halt word) goto the function's halt block: r1 is free after any call. */
static int emit_halt_check(struct rw *rw, u32 f)
{
	s32 off = (s32)sip_halt_word_off(rw->opts->rodata_size);

	emit(rw, INSN(SIP_LD | SIP_IMM | SIP_DW, 1, SIP_PSEUDO_RODATA, 0, off));
	emit(rw, INSN(0, 0, 0, 0, 0));
	emit(rw, INSN(SIP_LDX | SIP_MEM | SIP_W, 1, 1, 0, 0));
	return emit_jump(rw, INSN(SIP_JMP | SIP_K | SIP_JNE, 1, 0, 0, 0), rw->halt[f], false);
}

/* The SIP was stopped during a call: return 0 at once (callers check too). */
static void emit_halt(struct rw *rw)
{
	emit(rw, INSN(SIP_ALU64 | SIP_K | SIP_MOV, 0, 0, 0, 0));
	emit(rw, INSN(SIP_JMP | SIP_EXIT, 0, 0, 0, 0));
}

static void emit_prologue(struct rw *rw)
{
	u64 fuel = rw->opts->fuel;

	if (fuel > (u64)S64_MAX_FUEL)
		fuel = S64_MAX_FUEL;
	if (fuel <= 0x7fffffff) {
		emit(rw, INSN(SIP_ALU64 | SIP_K | SIP_MOV, SIP_REG_AUX, 0, 0, (s32)fuel));
		return;
	}
	emit(rw, INSN(SIP_LD | SIP_IMM | SIP_DW, SIP_REG_AUX, 0, 0, (s32)(u32)fuel));
	emit(rw, INSN(0, 0, 0, 0, (s32)(u32)(fuel >> 32)));
}

/* Fuel spent: fault (trap helper), then return 0 with r11 negative. */
static void emit_trap(struct rw *rw)
{
	emit(rw, INSN(SIP_ALU64 | SIP_K | SIP_MOV, 1, 0, 0, SIP_TRAP_FUEL));
	emit(rw, INSN(SIP_JMP | SIP_K | SIP_CALL, 0, SIP_CALL_HELPER, 0, SIP_HELPER_TRAP));
	emit(rw, INSN(SIP_ALU64 | SIP_K | SIP_MOV, SIP_REG_AUX, 0, 0, -1));
	emit(rw, INSN(SIP_ALU64 | SIP_K | SIP_MOV, 0, 0, 0, 0));
	emit(rw, INSN(SIP_JMP | SIP_EXIT, 0, 0, 0, 0));
}

/* A callee ran out: return 0 too (r11 stays negative). */
static void emit_unwind(struct rw *rw)
{
	emit(rw, INSN(SIP_ALU64 | SIP_K | SIP_MOV, 0, 0, 0, 0));
	emit(rw, INSN(SIP_JMP | SIP_EXIT, 0, 0, 0, 0));
}

/* Helper calls, and the atomics the x86 JIT builds with its scratch register. */
static bool clobbers_aux(enum sip_op op)
{
	switch (op) {
	case SIP_OP_CALL:
	case SIP_OP_AFAND32:
	case SIP_OP_AFAND64:
	case SIP_OP_AFOR32:
	case SIP_OP_AFOR64:
	case SIP_OP_AFXOR32:
	case SIP_OP_AFXOR64:
		return true;
	default:
		return false;
	}
}

static s16 hidden_slot(struct rw *rw, u32 f)
{
	if (!rw->opts->func_stack || f >= rw->opts->nr_funcs)
		return sip_hidden_slot(SIP_STACK_SIZE);
	return sip_hidden_slot(rw->opts->func_stack[f]);
}

/* A sign extension by a shift pair: lsh then arsh by @shift bits. */
static void emit_sext(struct rw *rw, u8 cls, u8 dst, s32 shift)
{
	emit(rw, INSN(cls | SIP_K | SIP_LSH, dst, 0, 0, shift));
	emit(rw, INSN(cls | SIP_K | SIP_ARSH, dst, 0, 0, shift));
}

/* cpu v4 instructions as v3 sequences of the same meaning. */
static int emit_lowered(struct rw *rw, u32 pc, enum sip_op op)
{
	static const u8 load_bits[4] = { [SIP_W >> 3] = 32, [SIP_H >> 3] = 16, [SIP_B >> 3] = 8 };
	const struct sip_insn *insn = &rw->in[pc];
	u8 d = insn->dst, s = insn->src, size = SIP_SIZE(insn->code);

	switch (op) {
	case SIP_OP_MOVSX8_64:
	case SIP_OP_MOVSX16_64:
	case SIP_OP_MOVSX32_64:
		emit(rw, INSN(SIP_ALU64 | SIP_X | SIP_MOV, d, s, 0, 0));
		emit_sext(rw, SIP_ALU64, d, 64 - insn->off);
		return 0;
	case SIP_OP_MOVSX8_32:
	case SIP_OP_MOVSX16_32:
		emit(rw, INSN(SIP_ALU | SIP_X | SIP_MOV, d, s, 0, 0));
		emit_sext(rw, SIP_ALU, d, 32 - insn->off);
		return 0;
	case SIP_OP_LDXSB:
	case SIP_OP_LDXSH:
	case SIP_OP_LDXSW:
		emit(rw, INSN(SIP_LDX | SIP_MEM | size, d, s, insn->off, 0));
		emit_sext(rw, SIP_ALU64, d, 64 - load_bits[size >> 3]);
		return 0;
	case SIP_OP_BSWAP16:
	case SIP_OP_BSWAP32:
	case SIP_OP_BSWAP64:
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ || defined(__LITTLE_ENDIAN)
		/* On a little-endian CPU, to-big-endian is an unconditional swap. */
		emit(rw, INSN(SIP_ALU | SIP_TO_BE | SIP_END, d, 0, 0, insn->imm));
		return 0;
#endif
	default:
		return sip_diag_set(rw->diag, pc, "%s has no equivalent on this kernel's JIT",
				    sip_insn_descs[op].mnem);
	}
}

static bool is_div(enum sip_op op)
{
	switch (op) {
	case SIP_OP_DIV32_K: case SIP_OP_DIV32_X: case SIP_OP_DIV64_K: case SIP_OP_DIV64_X:
	case SIP_OP_MOD32_K: case SIP_OP_MOD32_X: case SIP_OP_MOD64_K: case SIP_OP_MOD64_X:
		return true;
	default:
		return false;
	}
}

/*
 * Division and modulo that cannot trap: by zero, x / 0 is 0 and x % 0 is x
 * (32-bit forms zero-extend), decided before the native instruction runs.
 */
static void emit_guarded_div(struct rw *rw, const struct sip_insn *insn, enum sip_op op)
{
	bool is32 = SIP_CLASS(insn->code) == SIP_ALU, mod = SIP_OP(insn->code) == SIP_MOD;
	u8 jcls = is32 ? SIP_JMP32 : SIP_JMP, d = insn->dst;

	if (SIP_SRC(insn->code) == SIP_K) {
		if (insn->imm) {
			emit(rw, *insn);
		} else if (!mod) {
			emit(rw, INSN(SIP_ALU | SIP_K | SIP_MOV, d, 0, 0, 0));
		} else if (is32) {
			emit(rw, INSN(SIP_ALU | SIP_X | SIP_MOV, d, d, 0, 0));
		}
		return;
	}
	(void)op;
	if (!mod) {
		/* if src != 0 goto div; dst = 0; goto out; div: dst /= src; out: */
		emit(rw, INSN(jcls | SIP_K | SIP_JNE, insn->src, 0, 2, 0));
		emit(rw, INSN(SIP_ALU | SIP_K | SIP_MOV, d, 0, 0, 0));
		emit(rw, INSN(SIP_JMP | SIP_JA, 0, 0, 1, 0));
		emit(rw, *insn);
		return;
	}
	/* if src == 0 goto zero; dst %= src; goto out; zero: (32-bit: dst = (u32)dst) out: */
	emit(rw, INSN(jcls | SIP_K | SIP_JEQ, insn->src, 0, is32 ? 2 : 1, 0));
	emit(rw, *insn);
	if (is32) {
		emit(rw, INSN(SIP_JMP | SIP_JA, 0, 0, 1, 0));
		emit(rw, INSN(SIP_ALU | SIP_X | SIP_MOV, d, d, 0, 0));
	}
}

/* One old instruction and what goes around it. */
static int emit_insn(struct rw *rw, u32 pc)
{
	const struct sip_insn *insn = &rw->in[pc];
	enum sip_op op = sip_insn_op(insn);
	const struct sip_insn_desc *d = &sip_insn_descs[op];
	u32 f = rw->func_of[pc];
	int ret;

	rw->map[pc] = rw->n;
	if (is_backward_jump(rw->in, pc, op)) {
		emit(rw, INSN(SIP_ALU64 | SIP_K | SIP_SUB, SIP_REG_AUX, 0, 0, jump_weight(rw, pc, op)));
		ret = emit_jump(rw, INSN(SIP_JMP | SIP_K | SIP_JSLT, SIP_REG_AUX, 0, 0, 0), rw->trap[f],
				false);
		if (ret)
			return ret;
	}
	if (d->flags & SIP_F_JUMP) {
		u32 to = (u32)sip_jump_target(insn, pc, op);

		if (op == SIP_OP_JA32 && (rw->opts->flags & SIP_RW_LOWER_V4))
			return emit_jump(rw, INSN(SIP_JMP | SIP_JA, 0, 0, 0, 0), rw->out ? rw->map[to] : 0,
					 false);
		return emit_jump(rw, *insn, rw->out ? rw->map[to] : 0, d->fmt == SIP_FMT_JA32);
	}
	if (op == SIP_OP_CALL_LOCAL) {
		u32 to = (u32)sip_jump_target(insn, pc, op);

		ret = emit_jump(rw, *insn, rw->out ? rw->map[to] : 0, true);
		if (!ret && rw->fueled)
			ret = emit_jump(rw, INSN(SIP_JMP | SIP_K | SIP_JSLT, SIP_REG_AUX, 0, 0, 0),
					rw->unwind[f], false);
		if (!ret && (rw->opts->flags & SIP_RW_HALT_CHECK))
			ret = emit_halt_check(rw, f);
		return ret;
	}
	if (clobbers_aux(op) && (rw->opts->flags & SIP_RW_SAVE_AUX) && rw->fueled) {
		s16 slot = hidden_slot(rw, f);

		emit(rw, INSN(SIP_STX | SIP_MEM | SIP_DW, SIP_REG_FP, SIP_REG_AUX, slot, 0));
		emit(rw, *insn);
		emit(rw, INSN(SIP_LDX | SIP_MEM | SIP_DW, SIP_REG_AUX, SIP_REG_FP, slot, 0));
		if ((rw->opts->flags & SIP_RW_HALT_CHECK) && may_halt(insn, op))
			return emit_halt_check(rw, f);
		return 0;
	}
	if ((rw->opts->flags & SIP_RW_HALT_CHECK) && may_halt(insn, op)) {
		emit(rw, *insn);
		return emit_halt_check(rw, f);
	}
	if ((d->flags & SIP_F_V4) && (rw->opts->flags & SIP_RW_LOWER_V4))
		return emit_lowered(rw, pc, op);
	if (is_div(op) && (rw->opts->flags & SIP_RW_JIT_FIXUPS)) {
		emit_guarded_div(rw, insn, op);
		return 0;
	}
	if (op == SIP_OP_ACMPXCHG32 && (rw->opts->flags & SIP_RW_JIT_FIXUPS)) {
		emit(rw, *insn);
		emit(rw, INSN(SIP_ALU | SIP_X | SIP_MOV, 0, 0, 0, 0));	/* w0 = w0 */
		return 0;
	}
	emit(rw, insn[0]);
	if (sip_op_slots(op) == 2)
		emit(rw, insn[1]);
	return 0;
}

/* Lays out (or, with rw->out set, writes) every function and its blocks. */
static int layout(struct rw *rw)
{
	u32 f, pc;
	int ret;

	rw->n = 0;
	for (f = 0; f < rw->nr_funcs; f++) {
		u32 end = f + 1 < rw->nr_funcs ? rw->func_start[f + 1] : rw->len;
		bool loops = false, calls = false, halts = false;

		if (f == 0 && rw->fueled)
			emit_prologue(rw);
		for (pc = rw->func_start[f]; pc < end; pc++) {
			enum sip_op op = sip_insn_op(&rw->in[pc]);

			loops |= is_backward_jump(rw->in, pc, op);
			calls |= op == SIP_OP_CALL_LOCAL;
			halts |= may_halt(&rw->in[pc], op);
			ret = emit_insn(rw, pc);
			if (ret)
				return ret;
			pc += sip_op_slots(op) - 1;
		}
		rw->trap[f] = ~0u;
		rw->unwind[f] = ~0u;
		rw->halt[f] = ~0u;
		if (loops) {
			rw->trap[f] = rw->n;
			emit_trap(rw);
		}
		if (calls && rw->fueled) {
			rw->unwind[f] = rw->n;
			emit_unwind(rw);
		}
		if (halts && (rw->opts->flags & SIP_RW_HALT_CHECK)) {
			rw->halt[f] = rw->n;
			emit_halt(rw);
		}
	}
	return 0;
}

int sip_rewrite(const struct sip_insn *in, u32 len, const struct sip_rewrite_opts *opts,
		struct sip_insn **out, u32 *out_len, struct sip_diag *diag)
{
	struct rw rw = { .in = in, .len = len, .opts = opts, .diag = diag };
	int ret = -ENOMEM;
	u32 pc;

	if (!opts->fuel)
		return sip_diag_set(diag, SIP_DIAG_NO_INSN, "a fuel budget of 0 would stop every loop");
	rw.map = sip_zalloc(sizeof(u32) * (len + 1));
	rw.func_of = sip_zalloc(sizeof(u32) * (len + 1));
	rw.func_start = sip_zalloc(sizeof(u32) * (len + 1));
	rw.trap = sip_zalloc(sizeof(u32) * (len + 1));
	rw.unwind = sip_zalloc(sizeof(u32) * (len + 1));
	rw.halt = sip_zalloc(sizeof(u32) * (len + 1));
	rw.cost = sip_zalloc(sizeof(u64) * (len + 1));
	rw.path = sip_zalloc(sizeof(u64) * (len + 1));
	if (!rw.map || !rw.func_of || !rw.func_start || !rw.trap || !rw.unwind || !rw.halt ||
	    !rw.cost || !rw.path)
		goto out;
	find_funcs(&rw);
	/*
	 * Without a backward jump anywhere (and the verifier forbids recursion),
	 * every run ends by itself: no fuel, and r11 is neither set nor kept.
	 */
	for (pc = 0; pc < len && !rw.fueled; pc++) {
		enum sip_op op = sip_insn_op(&in[pc]);

		rw.fueled = is_backward_jump(in, pc, op);
		pc += sip_op_slots(op) - 1;
	}
	/* Count once to place everything, then write with the places known. */
	ret = layout(&rw);
	if (ret)
		goto out;
	rw.out = sip_zalloc(sizeof(*rw.out) * rw.n);
	ret = -ENOMEM;
	if (!rw.out)
		goto out;
	ret = layout(&rw);
	if (ret) {
		sip_free(rw.out);
		goto out;
	}
	*out = rw.out;
	*out_len = rw.n;
out:
	sip_free(rw.map);
	sip_free(rw.func_of);
	sip_free(rw.func_start);
	sip_free(rw.trap);
	sip_free(rw.unwind);
	sip_free(rw.halt);
	sip_free(rw.cost);
	sip_free(rw.path);
	return ret;
}

int sip_relocate(struct sip_insn *insns, u32 len, u64 data, u64 rodata,
		 sip_helper_encode_fn encode, void *cookie, struct sip_diag *diag)
{
	u32 pc;

	for (pc = 0; pc < len; pc++) {
		enum sip_op op = sip_insn_op(&insns[pc]);
		u64 addr;
		s64 imm;

		switch (op) {
		case SIP_OP_LDDW_DATA:
		case SIP_OP_LDDW_RODATA:
			addr = (op == SIP_OP_LDDW_DATA ? data : rodata) + (u32)insns[pc].imm;
			insns[pc].src = SIP_PSEUDO_IMM;
			insns[pc].imm = (s32)(u32)addr;
			insns[pc + 1].imm = (s32)(u32)(addr >> 32);
			break;
		case SIP_OP_CALL:
			if (!encode)
				break;
			imm = encode(cookie, (u32)insns[pc].imm);
			if (imm < -0x80000000ll || imm > 0x7fffffff)
				return sip_diag_set(diag, pc, "helper %d cannot be called by this engine",
						    insns[pc].imm);
			insns[pc].imm = (s32)imm;
			break;
		default:
			break;
		}
		pc += (op >= 0 ? sip_op_slots(op) : 1) - 1;
	}
	return 0;
}
