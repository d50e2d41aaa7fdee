// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the verifier's soundness. The input is read as a
 * sequence of choices that build a mostly valid raw program (registers set
 * before use, loads and stores near the edges of the stack and of private
 * data, forward skips, loops, local calls...), optionally with some of its
 * instruction bytes mutated, or in one mode as raw instructions. Every
 * program the verifier accepts then runs in the checked interpreter with a
 * few values of r1: any fault but the instruction budget means the verifier
 * accepted an unsafe program, and the target prints the program (as text
 * the assembler reads back) with the fault, and traps.
 *
 * Build: make fuzz; run: build/fuzz/verifier -max_total_time=60 [CORPUS_DIR]
 * (tests/host/verifier_fuzz.sh does both). It prints how many programs it
 * built and how many were accepted every 65536 programs and at exit;
 * SIPDRV_FUZZ_STATS=1 adds the verifier's refusals by reason, and
 * SIPDRV_FUZZ_PRINT=1 every program with its verdict (build/fuzz/verifier
 * FILE replays one input).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "disasm.h"
#include "interp.h"
#include "verifier.h"

#define MAX_FUNCS	3
#define FUNC_INSNS	240		/* a function stops growing past this */
#define MAX_INSNS	(MAX_FUNCS * (FUNC_INSNS + 200))
#define MAX_ITEMS	(2 * FUNC_INSNS)	/* per function (some items add nothing) */
#define MAX_LOOP_DEPTH	2
#define RUN_BUDGET	30000		/* instructions per checked run */
#define MAX_PROCESSED	30000		/* verifier limits: keep slow inputs rare */
#define MAX_STATES	4096
#define MAX_DATA	4096
#define RODATA_SIZE	32
#define NR_RUNS		3		/* values of r1 each accepted program runs with */
#define STATS_EVERY	(1u << 16)	/* programs between two progress lines */

/* ---- the input: choices from the front, the header and mutations from the back ---- */

struct input {
	const u8 *p;
	size_t head, tail;	/* [head, tail) is unread; an empty input reads zeros */
};

static u8 in_byte(struct input *in)
{
	return in->head < in->tail ? in->p[in->head++] : 0;
}

static u8 in_back(struct input *in)
{
	return in->head < in->tail ? in->p[--in->tail] : 0;
}

static u32 in_u32(struct input *in)
{
	u32 v = 0;
	int i;

	for (i = 0; i < 4; i++)
		v |= (u32)in_byte(in) << (8 * i);
	return v;
}

static u64 in_u64(struct input *in)
{
	return in_u32(in) | (u64)in_u32(in) << 32;
}

/* ---- values worth trying ---- */

static const s32 imm_table[] = {
	0, 1, -1, 2, 3, 4, 7, 8, 15, 16, 31, 32, 33, 63, 64, 65, 127, 128, 255, 256,
	511, 512, 513, 1023, 1024, 4095, 4096, 0x7fff, 0x8000, 0xffff, 0x10000,
	0x3fffffff, 0x40000000, 0x7fffffff, (s32)0x80000000, (s32)0x80000001, -2, -7, -8,
	-16, -64, -256, -511, -512, -513, -4096, -0x8000, 1 << 30, 1 << 20,
};

static const u64 imm64_table[] = {
	0, 1, 0xffffffffull, 0x100000000ull, 0x100000001ull, 0x7fffffffull, 0x80000000ull,
	1ull << 63, (1ull << 63) - 1, ~0ull, 0xffffffff00000000ull, 0xffffffff80000000ull,
	1ull << 31, (1ull << 32) + 64, 0x8000000000000001ull, 1ull << 62,
};

static const s16 stack_off_table[] = {
	-8, -16, -24, -32, -64, -128, -256, -504, -512, -511, -510, -508, -505, -1, -2, -3,
	-4, -6, -7, 0, -513, -516, -520, 8, 1, -9, -12, -500, -40, -48, -56, -60,
};

static const u64 data_size_table[] = { 64, 64, 64, 64, 8, 13, 24, 256, 4096, 1 };

/* ---- the generator ---- */

enum kind { K_NONE, K_SCALAR, K_DATA, K_RODATA, K_STACK, K_ANY };

struct fixup {
	u32 insn;
	u32 item;	/* a jump: the item of its function it lands on */
	int callee;	/* a local call: the function it calls; -1 for a jump */
};

struct gen {
	struct input *in;
	struct sip_insn insns[MAX_INSNS];
	u32 len;
	u32 func, nr_funcs;
	u32 func_start[MAX_FUNCS];
	bool called[MAX_FUNCS];
	u32 items[MAX_ITEMS + 1];	/* first instruction of each item of this function */
	u32 nr_items;
	struct fixup fix[MAX_INSNS];
	u32 nr_fix;
	u8 kind[SIP_NR_REGS];		/* a guess of what each register holds */
	u16 locked;			/* loop counters: not to be written */
	u32 depth;			/* loop nesting */
	u32 data_size;
};

/* Rows of SIP_INSNS by format, collected once. */
struct op_list {
	u8 ops[SIP_OP__COUNT];
	u32 n;
};

static struct op_list alu_k, alu_x, alu_un, ldx_ops, st_ops, stx_ops, atomic_ops, jmp_k, jmp_x;

static void collect_ops(void)
{
	static struct op_list *const by_fmt[SIP_FMT__COUNT] = {
		[SIP_FMT_ALU_K] = &alu_k, [SIP_FMT_ALU_X] = &alu_x, [SIP_FMT_ALU_UN] = &alu_un,
		[SIP_FMT_LDX] = &ldx_ops, [SIP_FMT_ST] = &st_ops, [SIP_FMT_STX] = &stx_ops,
		[SIP_FMT_ATOMIC] = &atomic_ops, [SIP_FMT_JMP_K] = &jmp_k, [SIP_FMT_JMP_X] = &jmp_x,
	};
	u32 op;

	for (op = 0; op < SIP_OP__COUNT; op++) {
		struct op_list *l = by_fmt[sip_insn_descs[op].fmt];

		if (l)
			l->ops[l->n++] = (u8)op;
	}
}

static u8 pick_op(struct gen *g, const struct op_list *l)
{
	return l->ops[in_byte(g->in) % l->n];
}

/* Appends one instruction of row @op; the row's variant field wins over the arguments. */
static void emit(struct gen *g, enum sip_op op, u8 dst, u8 src, s16 off, s32 imm)
{
	u32 slots = sip_op_slots(op);

	if (g->len + slots > MAX_INSNS)
		__builtin_trap();	/* FUNC_INSNS leaves room for any item: a generator bug */
	sip_insn_make(&g->insns[g->len], op, dst, src, off, imm);
	g->len += slots;
}

static void emit_lddw(struct gen *g, enum sip_op op, u8 dst, u64 imm)
{
	emit(g, op, dst, 0, 0, (s32)(u32)imm);
	g->insns[g->len - 1].imm = (s32)(u32)(imm >> 32);
}

static s32 pick_imm(struct gen *g)
{
	u8 b = in_byte(g->in);

	if (b < 64)
		return (s32)b - 16;
	if (b < 176)
		return imm_table[b % ARRAY_SIZE(imm_table)];
	if (b < 192)
		return (s32)g->data_size - (b & 15);
	return (s32)in_u32(g->in);
}

static u64 pick_imm64(struct gen *g)
{
	u8 b = in_byte(g->in);

	if (b < 200)
		return imm64_table[b % ARRAY_SIZE(imm64_table)];
	return in_u64(g->in);
}

/* An offset into private data of @size bytes for an access of @width bytes. */
static s32 pick_region_off(struct gen *g, u32 size, u32 width)
{
	u8 b = in_byte(g->in);

	switch (b % 12) {
	case 0:
		return 0;
	case 1:
		return (s32)(size - width);
	case 2:
		return (s32)(size - width + 1);
	case 3:
		return (s32)size;
	case 4:
		return (s32)size - 1;
	case 5:
		return -1;
	case 6:
		return -(s32)width;
	case 7:
		return (s32)(b >> 4) * 8;
	case 8:
		return size > 8 ? (s32)(size - 8) : 0;
	default:
		return size ? (s32)(in_byte(g->in) % size) : 0;
	}
}

static s16 pick_mem_off(struct gen *g, u8 kind, u32 width)
{
	u8 b = in_byte(g->in);

	if (b >= 248)
		return (s16)(in_byte(g->in) | in_byte(g->in) << 8);
	switch (kind) {
	case K_STACK:
		if (b < 128)
			return (s16)(-8 * (1 + b % 64));
		return stack_off_table[b % ARRAY_SIZE(stack_off_table)];
	case K_DATA:
		return (s16)pick_region_off(g, g->data_size, width);
	case K_RODATA:
		return (s16)pick_region_off(g, RODATA_SIZE, width);
	default:
		return (s16)pick_imm(g);
	}
}

static bool is_ptr_kind(u8 k)
{
	return k == K_DATA || k == K_RODATA || k == K_STACK;
}

/* A register the item may write: r0-r9 but no loop counter. */
static u8 pick_dst(struct gen *g)
{
	u8 r = in_byte(g->in) % 10;
	int i;

	for (i = 0; i < 10 && (g->locked & (1u << r)); i++)
		r = (r + 1) % 10;
	return r;
}

static void init_reg(struct gen *g, u8 r, u8 how);

/* A register to read (r0-r10); one never written is set first. */
static u8 pick_src(struct gen *g)
{
	u8 b = in_byte(g->in), r = b % 11;

	if (g->kind[r] == K_NONE && !(g->locked & (1u << r)))
		init_reg(g, r, b >> 4);
	return r;
}

/* A register that holds (we think) a pointer of @kind, else r10 or a fresh one. */
static u8 pick_ptr(struct gen *g, u8 kind)
{
	u8 b = in_byte(g->in), r, i;

	for (i = 0; i < 10; i++) {
		r = (u8)((b + i) % 10);
		if (g->kind[r] == kind)
			return r;
	}
	if (kind == K_STACK)
		return SIP_REG_FP;
	r = pick_dst(g);
	init_reg(g, r, kind == K_DATA ? 2 : 5);
	return r;
}

/* The base register of a memory access, and what it points to. */
static u8 pick_base(struct gen *g, u8 *kind)
{
	u8 b = in_byte(g->in), r;

	switch (b >> 6) {
	case 0:
		*kind = K_STACK;
		return SIP_REG_FP;
	case 1:
		*kind = K_DATA;
		return pick_ptr(g, K_DATA);
	case 2:
		*kind = (b & 1) ? K_RODATA : K_STACK;
		return pick_ptr(g, *kind);
	default:
		r = b % 11;
		*kind = r == SIP_REG_FP ? K_STACK : g->kind[r];
		return r;
	}
}

/* Where an lddw of private data of @size bytes points: mostly inside. */
static u32 pick_lddw_off(struct gen *g, u32 size)
{
	u8 b = in_byte(g->in);

	switch (b % 8) {
	case 0:
	case 1:
		return 0;
	case 2:
		return size;
	case 3:
		return size >= 8 ? (size - 8) & ~7u : 0;
	case 4:
		return b == 0xfc ? size + 1 : (b >> 3) * 8 % (size + 1);
	default:
		return in_byte(g->in) % (size + 1);
	}
}

/* Sets @r from a choice: a constant, r1, a pointer, a loaded value... */
static void init_reg(struct gen *g, u8 r, u8 how)
{
	u8 k = K_SCALAR;

	switch (how % 10) {
	case 0:
	case 8:
		emit(g, SIP_OP_MOV64_K, r, 0, 0, pick_imm(g));
		break;
	case 1:
		emit(g, SIP_OP_MOV64_X, r, 1, 0, 0);
		k = g->kind[1] == K_NONE ? K_SCALAR : g->kind[1];
		break;
	case 2:
		emit_lddw(g, SIP_OP_LDDW_DATA, r, pick_lddw_off(g, g->data_size));
		k = K_DATA;
		break;
	case 3:
		emit(g, SIP_OP_MOV64_X, r, SIP_REG_FP, 0, 0);
		emit(g, SIP_OP_ADD64_K, r, 0, 0, pick_mem_off(g, K_STACK, 8));
		k = K_STACK;
		break;
	case 4:
		emit_lddw(g, SIP_OP_LDDW, r, pick_imm64(g));
		break;
	case 5:
		emit_lddw(g, SIP_OP_LDDW_RODATA, r, pick_lddw_off(g, RODATA_SIZE));
		k = K_RODATA;
		break;
	case 6:
		emit(g, SIP_OP_MOV32_X, r, 1, 0, 0);
		break;
	case 7:	/* an unknown value read from private data */
		emit_lddw(g, SIP_OP_LDDW_DATA, r, 0);
		emit(g, ldx_ops.ops[in_byte(g->in) % ldx_ops.n], r, r, 0, 0);
		break;
	default:
		return;		/* left unset */
	}
	g->kind[r] = k;
}

/* ---- items: each appends a few instructions ---- */

static void item(struct gen *g);

static void t_alu_k(struct gen *g)
{
	u8 op = pick_op(g, &alu_k), dst = pick_dst(g);

	if (SIP_OP(sip_insn_descs[op].code) != SIP_MOV && g->kind[dst] == K_NONE)
		init_reg(g, dst, 0);
	emit(g, op, dst, 0, 0, pick_imm(g));
	if (!(is_ptr_kind(g->kind[dst]) && (op == SIP_OP_ADD64_K || op == SIP_OP_SUB64_K)))
		g->kind[dst] = K_SCALAR;
}

static void t_alu_x(struct gen *g)
{
	u8 op = pick_op(g, &alu_x), dst = pick_dst(g), src = pick_src(g);
	u8 aop = SIP_OP(sip_insn_descs[op].code);

	if (aop != SIP_MOV && g->kind[dst] == K_NONE)
		init_reg(g, dst, 0);
	emit(g, op, dst, src, 0, 0);
	if (op == SIP_OP_MOV64_X)
		g->kind[dst] = g->kind[src];
	else if (op == SIP_OP_ADD64_X && is_ptr_kind(g->kind[src]))
		g->kind[dst] = g->kind[src];
	else if (!(is_ptr_kind(g->kind[dst]) && (op == SIP_OP_ADD64_X || op == SIP_OP_SUB64_X) &&
		   !is_ptr_kind(g->kind[src])))
		g->kind[dst] = K_SCALAR;
}

static void t_alu_un(struct gen *g)
{
	u8 op = pick_op(g, &alu_un), dst = pick_dst(g);

	if (g->kind[dst] == K_NONE)
		init_reg(g, dst, 0);
	emit(g, op, dst, 0, 0, 0);
	g->kind[dst] = K_SCALAR;
}

static u32 width_of(u8 op)
{
	static const u8 widths[4] = { [SIP_W >> 3] = 4, [SIP_H >> 3] = 2, [SIP_B >> 3] = 1,
				      [SIP_DW >> 3] = 8 };

	return widths[SIP_SIZE(sip_insn_descs[op].code) >> 3];
}

static void t_ldx(struct gen *g)
{
	u8 op = pick_op(g, &ldx_ops), kind, base = pick_base(g, &kind), dst = pick_dst(g);

	emit(g, op, dst, base, pick_mem_off(g, kind, width_of(op)), 0);
	g->kind[dst] = K_SCALAR;
}

static void t_st(struct gen *g)
{
	u8 op = pick_op(g, &st_ops), kind, base = pick_base(g, &kind);
	s16 off = pick_mem_off(g, kind, width_of(op));

	emit(g, op, base, 0, off, pick_imm(g));
}

static void t_stx(struct gen *g)
{
	u8 op = pick_op(g, &stx_ops), kind, base = pick_base(g, &kind), src = pick_src(g);
	s16 off = pick_mem_off(g, kind, width_of(op));

	emit(g, op, base, src, off, 0);
}

static void t_atomic(struct gen *g)
{
	u8 op = pick_op(g, &atomic_ops), kind, base = pick_base(g, &kind), src = pick_src(g);
	u32 width = width_of(op);
	s16 off = pick_mem_off(g, kind, width);

	if (in_byte(g->in) & 1)
		off &= (s16)~(width - 1);
	if (g->kind[0] == K_NONE)
		init_reg(g, 0, 0);	/* cmpxchg compares r0 */
	emit(g, op, base, src, off, 0);
	if (sip_insn_descs[op].var_value & SIP_FETCH)
		g->kind[op == SIP_OP_ACMPXCHG32 || op == SIP_OP_ACMPXCHG64 ? 0 : src] = K_SCALAR;
}

static void t_lddw(struct gen *g)
{
	u8 dst = pick_dst(g);

	init_reg(g, dst, (in_byte(g->in) % 3) == 0 ? 4 : (in_byte(g->in) & 1) ? 5 : 2);
}

/* A scalar bounded in one of the ways drivers bound indices. */
static void bound_scalar(struct gen *g, u8 s)
{
	static const s32 masks[] = { 7, 15, 63, 0xff, 0x3f8, 0x1f, 3, 0xfff };
	u8 b = in_byte(g->in);
	s32 k = (s32)(b >> 3);

	switch (b & 7) {
	case 0:
		emit(g, SIP_OP_AND64_K, s, 0, 0, masks[(b >> 3) % ARRAY_SIZE(masks)]);
		break;
	case 1:
		emit(g, SIP_OP_AND64_K, s, 0, 0, (s32)g->data_size - 1 - (b >> 7));
		break;
	case 2:	/* if (s > k) s = 0; with k near the edge */
		k = (s32)g->data_size - (s32)(b >> 4);
		emit(g, jmp_k.ops[in_byte(g->in) % jmp_k.n], s, 0, 1, k);
		emit(g, SIP_OP_MOV64_K, s, 0, 0, 0);
		break;
	case 3:
		emit(g, SIP_OP_MOD64_K, s, 0, 0, k ? k : (s32)g->data_size);
		break;
	case 4:
		emit(g, SIP_OP_RSH64_K, s, 0, 0, 56 + (b >> 5));
		break;
	case 5:
		emit(g, SIP_OP_AND32_K, s, 0, 0, 0x3f);
		break;
	case 6:
		emit(g, SIP_OP_LSH64_K, s, 0, 0, 3);
		break;
	default:
		emit(g, SIP_OP_JLE_K, s, 0, 1, (s32)g->data_size - 8);
		emit(g, SIP_OP_MOV64_K, s, 0, 0, 0);
		break;
	}
}

/* An unknown number in @s: r1, a load from data or the stack, a fetch... */
static void unknown_scalar(struct gen *g, u8 s)
{
	u8 b = in_byte(g->in), op = ldx_ops.ops[(b >> 3) % ldx_ops.n];

	switch (b % 6) {
	case 0:
		emit(g, SIP_OP_MOV64_X, s, 1, 0, 0);
		break;
	case 1:
		emit(g, SIP_OP_MOV32_X, s, 1, 0, 0);
		break;
	case 2:
		emit_lddw(g, SIP_OP_LDDW_DATA, s, 0);
		emit(g, op, s, s, (s16)(pick_lddw_off(g, g->data_size) & ~7u), 0);
		break;
	case 3:	/* through a stack slot, maybe partly overwritten */
		emit(g, SIP_OP_STXDW, SIP_REG_FP, 1, -8, 0);
		if (b & 0x40)
			emit(g, st_ops.ops[(b >> 3) % st_ops.n], SIP_REG_FP, 0, (s16)(-8 + (b >> 7) * 4),
			     pick_imm(g));
		emit(g, op, s, SIP_REG_FP, -8, 0);
		break;
	case 4:	/* the old value of an atomic fetch */
		emit(g, SIP_OP_STXDW, SIP_REG_FP, 1, -8, 0);
		emit(g, SIP_OP_MOV64_K, s, 0, 0, pick_imm(g));
		emit(g, (b & 8) ? SIP_OP_AFADD64 : SIP_OP_AFXOR32, SIP_REG_FP, s, -8, 0);
		break;
	default:
		emit(g, SIP_OP_LDDW, s, 0, 0, 0);
		g->insns[g->len - 2].imm = (s32)in_u32(g->in);
		g->insns[g->len - 1].imm = (s32)in_u32(g->in);
		break;
	}
	g->kind[s] = K_SCALAR;
}

/*
 * The scalar domain's soundness: an unknown number goes through a few ALU
 * operations and maybe a branch, then offsets a data pointer. The verifier
 * accepts the access only if it believes the result in bounds.
 */
static void t_scalar_use(struct gen *g)
{
	u8 s = pick_dst(g), p = pick_dst(g), n = 1 + in_byte(g->in) % 4, b;

	if (p == s)
		p = (u8)((p + 1) % 10);
	if (g->locked & ((1u << p) | (1u << s)))
		return;
	unknown_scalar(g, s);
	while (n--) {
		b = in_byte(g->in);
		if (b % 3 == 0)
			emit(g, pick_op(g, &alu_x), s, (b & 8) ? s : 1, 0, 0);
		else if (b % 3 == 1)
			emit(g, pick_op(g, &alu_k), s, 0, 0, pick_imm(g));
		else
			emit(g, pick_op(g, &alu_un), s, 0, 0, 0);
	}
	b = in_byte(g->in);
	if (b & 1) {	/* a bound check that skips the access */
		u8 op = pick_op(g, (b & 2) ? &jmp_x : &jmp_k);

		emit(g, op, s, (b & 2) ? 1 : 0, 4, (b & 2) ? 0 : pick_imm(g));
	} else {
		emit(g, SIP_OP_JA, 0, 0, 0, 0);	/* ja +0: the same shape without the check */
	}
	emit_lddw(g, SIP_OP_LDDW_DATA, p, (b & 4) ? g->data_size : 0);
	emit(g, (b & 4) ? SIP_OP_SUB64_X : SIP_OP_ADD64_X, p, s, 0, 0);
	b = pick_op(g, (b & 8) ? &ldx_ops : &stx_ops);
	if (sip_insn_descs[b].fmt == SIP_FMT_LDX)
		emit(g, b, s, p, (s16)pick_region_off(g, g->data_size, width_of(b)), 0);
	else
		emit(g, b, p, s, (s16)pick_region_off(g, g->data_size, width_of(b)), 0);
	g->kind[s] = K_SCALAR;
	g->kind[p] = K_DATA;
}

/* How @b becomes a copy of @a: a move, through the stack, or not quite. */
static void copy_scalar(struct gen *g, u8 b, u8 a, u8 how)
{
	switch (how % 5) {
	case 0:
	case 1:
		emit(g, SIP_OP_MOV64_X, b, a, 0, 0);
		break;
	case 2:	/* spilled and filled back */
		emit(g, SIP_OP_STXDW, SIP_REG_FP, a, -16, 0);
		emit(g, SIP_OP_LDXDW, b, SIP_REG_FP, -16, 0);
		break;
	case 3:
		emit(g, SIP_OP_MOV32_X, b, a, 0, 0);
		break;
	default:	/* copied, then the original moves on */
		emit(g, SIP_OP_MOV64_X, b, a, 0, 0);
		emit(g, SIP_OP_ADD64_K, a, 0, 0, pick_imm(g));
		break;
	}
}

/*
 * Copies of one number: a bound check on one copy narrows the others only
 * if they still hold the same value, whatever joins and prunes between.
 */
static void t_linked(struct gen *g)
{
	u8 a = pick_dst(g), b = pick_dst(g), p = pick_dst(g), how = in_byte(g->in), op;
	u32 jcc;

	if (a == b || p == a || p == b || (g->locked & ((1u << a) | (1u << b) | (1u << p))))
		return;
	unknown_scalar(g, a);
	copy_scalar(g, b, a, how);
	if (how & 0x20) {	/* one arm makes b something else */
		emit(g, pick_op(g, &jmp_k), a, 0, 1, pick_imm(g));
		emit(g, SIP_OP_MOV64_K, b, 0, 0, pick_imm(g));
	}
	if (how & 0x40)
		item(g);
	jcc = g->len;
	op = pick_op(g, (how & 0x80) ? &jmp_k : &jmp_x);
	emit(g, op, a, (how & 0x80) ? 0 : b, 0, (how & 0x80) ? pick_imm(g) : 0);
	emit_lddw(g, SIP_OP_LDDW_DATA, p, 0);
	emit(g, SIP_OP_ADD64_X, p, b, 0, 0);
	op = pick_op(g, &ldx_ops);
	emit(g, op, p, p, (s16)pick_region_off(g, g->data_size, width_of(op)), 0);
	g->insns[jcc].off = (s16)(g->len - jcc - 1);
	g->kind[a] = g->kind[b] = g->kind[p] = K_SCALAR;
}

/* p += bounded scalar, then an access through p. */
static void t_ptr_add(struct gen *g)
{
	u8 b = in_byte(g->in), p = pick_ptr(g, (b & 3) ? K_DATA : K_STACK), s;

	if (p == SIP_REG_FP || (g->locked & (1u << p))) {
		p = pick_dst(g);
		init_reg(g, p, (b & 3) ? 2 : 3);
	}
	s = pick_dst(g);
	if (s == p)
		s = (u8)((s + 1) % 10);
	if (g->locked & (1u << s) || s == p)
		return;
	init_reg(g, s, (b & 4) ? 1 : 7);
	bound_scalar(g, s);
	emit(g, (b & 8) ? SIP_OP_SUB64_X : SIP_OP_ADD64_X, p, s, 0, 0);
	g->kind[s] = K_SCALAR;
	if (b & 16) {	/* scalar + pointer */
		emit(g, SIP_OP_ADD64_X, s, p, 0, 0);
		g->kind[s] = g->kind[p];
		p = s;
	}
	if (b & 32) {
		u8 op = ldx_ops.ops[(b >> 6) % ldx_ops.n];

		emit(g, op, pick_dst(g), p, pick_mem_off(g, K_DATA, width_of(op)), 0);
	}
}

static u8 pick_cmp_reg(struct gen *g)
{
	u8 r = pick_src(g);

	return g->kind[r] == K_NONE ? SIP_REG_FP : r;
}

/* A conditional jump of any kind whose target is patched later. */
static void emit_cond(struct gen *g, u32 target_item)
{
	u8 b = in_byte(g->in), a = pick_cmp_reg(g), op;

	if (b & 1) {
		u8 c = pick_cmp_reg(g);

		op = pick_op(g, &jmp_x);
		emit(g, op, a, c, 0, 0);
	} else {
		op = pick_op(g, &jmp_k);
		emit(g, op, a, 0, 0, pick_imm(g));
	}
	g->fix[g->nr_fix++] = (struct fixup){ g->len - 1, target_item, -1 };
}

static void t_skip(struct gen *g)
{
	emit_cond(g, g->nr_items + (in_byte(g->in) % 4));
}

static void t_back(struct gen *g)
{
	u32 cur = g->nr_items - 1, back = in_byte(g->in) % 8;

	emit_cond(g, cur > back ? cur - back : 0);
}

/* A register gets one of two values: a join for the verifier. */
static void t_if_else(struct gen *g)
{
	u8 a = pick_dst(g), c = pick_cmp_reg(g), how = in_byte(g->in);
	u32 jcc, ja, mid;

	jcc = g->len;
	emit(g, pick_op(g, &jmp_k), c, 0, 0, pick_imm(g));
	init_reg(g, a, how);
	ja = g->len;
	emit(g, SIP_OP_JA, 0, 0, 0, 0);
	mid = g->len;
	init_reg(g, a, how >> 4);
	g->insns[jcc].off = (s16)(mid - jcc - 1);
	g->insns[ja].off = (s16)(g->len - ja - 1);
	if (g->kind[a] == K_NONE)
		g->kind[a] = K_ANY;
}

/* An early return: jcc +2; mov r0, k; exit. */
static void t_exit(struct gen *g)
{
	u8 c = pick_cmp_reg(g);

	emit(g, pick_op(g, &jmp_k), c, 0, 2, pick_imm(g));
	emit(g, SIP_OP_MOV64_K, 0, 0, 0, pick_imm(g));
	emit(g, SIP_OP_EXIT, 0, 0, 0, 0);
}

static void t_spill_fill(struct gen *g)
{
	u8 src = pick_src(g), dst = pick_dst(g), op = pick_op(g, &ldx_ops);
	s16 off = pick_mem_off(g, K_STACK, 8);
	u8 b = in_byte(g->in);

	emit(g, SIP_OP_STXDW, SIP_REG_FP, src, off, 0);
	if (b & 1)
		item(g);
	if (b & 6)	/* mostly the whole slot back; else a part, maybe shifted */
		emit(g, SIP_OP_LDXDW, dst, SIP_REG_FP, off, 0);
	else
		emit(g, op, dst, SIP_REG_FP, (s16)(off + (b >> 3) % 9 - 4), 0);
	g->kind[dst] = g->kind[src] == K_NONE ? K_SCALAR : g->kind[src];
}

static void t_stack_ptr(struct gen *g)
{
	init_reg(g, pick_dst(g), 3);
}

/* A counted loop around a few items; the counter is callee-saved (r6-r9). */
static void t_loop(struct gen *g)
{
	u8 b = in_byte(g->in), c = 6 + in_byte(g->in) % 4, n = 1 + in_byte(g->in) % 3, i;
	s32 count = (b & 0x80) ? (s32)g->data_size : (s32)(in_byte(g->in) % 20);
	u32 head;

	if (g->depth >= MAX_LOOP_DEPTH || (g->locked & (1u << c))) {
		item(g);
		return;
	}
	if (b & 0x40)
		emit(g, SIP_OP_MOV64_K, c, 0, 0, count);
	else
		emit(g, SIP_OP_MOV64_K, c, 0, 0, 0);
	g->kind[c] = K_SCALAR;
	g->locked |= 1u << c;
	g->depth++;
	head = g->len;
	for (i = 0; i < n; i++)
		item(g);
	if (b & 0x40) {
		emit(g, SIP_OP_ADD64_K, c, 0, 0, -1);
		emit(g, (b & 0x20) ? SIP_OP_JNE_K : SIP_OP_JSGT_K, c, 0, 0, 0);
	} else {
		emit(g, SIP_OP_ADD64_K, c, 0, 0, (b & 0x10) ? 8 : 1);
		emit(g, pick_op(g, &jmp_k), c, 0, 0, count);
	}
	g->insns[g->len - 1].off = (s16)(head - g->len);
	g->depth--;
	g->locked &= ~(1u << c);
}

static void emit_call(struct gen *g, u32 callee)
{
	emit(g, SIP_OP_CALL_LOCAL, 0, 0, 0, 0);
	g->fix[g->nr_fix++] = (struct fixup){ g->len - 1, 0, (int)callee };
	g->called[callee] = true;
	g->kind[0] = K_ANY;
}

/* A call of a later function; afterwards r1-r5 are unset, some are set again. */
static void t_call(struct gen *g)
{
	u8 r;

	if (g->func + 1 >= g->nr_funcs) {
		item(g);
		return;
	}
	emit_call(g, g->func + 1 + in_byte(g->in) % (g->nr_funcs - g->func - 1));
	g->kind[1] = K_NONE;
	if (!(g->locked & 2))
		init_reg(g, 1, 7);	/* an unknown number again, for what copies r1 */
	for (r = 2; r <= 5; r++) {
		u8 b = in_byte(g->in);

		g->kind[r] = K_NONE;
		if (b & 3)
			init_reg(g, r, b >> 2);
	}
}

/* Any non-control row with chosen fields. */
static void t_raw(struct gen *g)
{
	u8 op = in_byte(g->in) % SIP_OP__COUNT, dst, src;
	const struct sip_insn_desc *d = &sip_insn_descs[op];
	s16 off;

	if (d->fmt >= SIP_FMT_JA || d->fmt == SIP_FMT_LDDW || d->fmt == SIP_FMT_LDDW_PSEUDO) {
		item(g);
		return;
	}
	dst = pick_dst(g);
	src = pick_src(g);
	off = pick_mem_off(g, K_ANY, 8);
	emit(g, op, dst, src, off, pick_imm(g));
	g->kind[dst] = K_ANY;
}

static const struct {
	void (*fn)(struct gen *g);
	u8 weight;
} items[] = {
	{ t_alu_k, 10 }, { t_alu_x, 8 }, { t_alu_un, 2 }, { t_ldx, 8 }, { t_st, 4 },
	{ t_stx, 6 }, { t_atomic, 3 }, { t_lddw, 4 }, { t_ptr_add, 8 }, { t_skip, 8 },
	{ t_back, 1 }, { t_if_else, 5 }, { t_exit, 2 }, { t_spill_fill, 3 },
	{ t_stack_ptr, 3 }, { t_loop, 4 }, { t_call, 3 }, { t_raw, 2 }, { t_scalar_use, 10 },
	{ t_linked, 5 },
};

static u32 total_weight(void)
{
	u32 i, w = 0;

	for (i = 0; i < ARRAY_SIZE(items); i++)
		w += items[i].weight;
	return w;
}

static void item(struct gen *g)
{
	u32 w = in_byte(g->in) % total_weight(), i;

	/* Deep nesting, or many items that added nothing: keep the slack. */
	if (g->len >= g->func_start[g->func] + FUNC_INSNS + 120 || g->nr_items >= MAX_ITEMS)
		return;
	g->items[g->nr_items++] = g->len;
	for (i = 0; w >= items[i].weight; i++)
		w -= items[i].weight;
	items[i].fn(g);
}

/* ---- functions and the whole program ---- */

static void prologue(struct gen *g)
{
	u8 r, n = in_byte(g->in) % 17, i;

	for (r = 0; r <= 9; r++) {
		if (g->func == 0 ? r == 1 : (r >= 1 && r <= 5))
			continue;
		init_reg(g, r, in_byte(g->in) % 9);	/* 9 would leave it unset */
	}
	for (i = 0; i < n; i++) {
		u8 b = in_byte(g->in);

		if (b & 1)
			emit(g, SIP_OP_STDW, SIP_REG_FP, 0, (s16)(-8 * (i + 1)), pick_imm(g));
		else
			emit(g, SIP_OP_STXDW, SIP_REG_FP, (u8)((b >> 1) % 10), (s16)(-8 * (i + 1)), 0);
	}
}

static void epilogue(struct gen *g)
{
	u8 b = in_byte(g->in);

	g->items[g->nr_items++] = g->len;
	/* Every function is called from an earlier one, or it is unreachable. */
	if (g->func + 1 < g->nr_funcs && !g->called[g->func + 1])
		emit_call(g, g->func + 1);
	if (b % 8 == 7)
		;	/* r0 as it is */
	else if (b % 8 >= 4)
		emit(g, SIP_OP_MOV64_X, 0, (u8)(b >> 4) % 10, 0, 0);
	else
		emit(g, SIP_OP_MOV64_K, 0, 0, 0, pick_imm(g));
	emit(g, SIP_OP_EXIT, 0, 0, 0, 0);
}

/* Jumps of this function land on its items (the last one is the epilogue). */
static void patch_jumps(struct gen *g)
{
	u32 i;

	for (i = 0; i < g->nr_fix; i++) {
		struct fixup *f = &g->fix[i];
		u32 item = f->item < g->nr_items ? f->item : g->nr_items - 1;

		if (f->callee < 0 && f->insn >= g->func_start[g->func])
			g->insns[f->insn].off = (s16)(g->items[item] - f->insn - 1);
	}
}

static void gen_func(struct gen *g, u32 func)
{
	u8 r;

	g->func = func;
	g->func_start[func] = g->len;
	g->nr_items = 0;
	g->locked = 0;
	for (r = 0; r < SIP_NR_REGS; r++)
		g->kind[r] = K_NONE;
	g->kind[SIP_REG_FP] = K_STACK;
	if (func == 0)
		g->kind[1] = K_SCALAR;
	else
		for (r = 1; r <= 5; r++)
			g->kind[r] = K_ANY;
	prologue(g);
	while (g->len < g->func_start[func] + FUNC_INSNS && g->in->head < g->in->tail &&
	       in_byte(g->in) != 0xff)	/* 0xff: this function ends */
		item(g);
	epilogue(g);
	patch_jumps(g);
}

static void gen_program(struct gen *g)
{
	u32 f, i;

	for (f = 0; f < g->nr_funcs; f++)
		gen_func(g, f);
	for (i = 0; i < g->nr_fix; i++)
		if (g->fix[i].callee >= 0)
			g->insns[g->fix[i].insn].imm =
				(s32)(g->func_start[g->fix[i].callee] - g->fix[i].insn - 1);
}

/* Overwrites fields of a few instructions (choices from the input's back). */
static void mutate(struct gen *g, u32 n)
{
	while (n-- && g->len) {
		u32 idx = (in_back(g->in) | in_back(g->in) << 8) % g->len;
		struct sip_insn *insn = &g->insns[idx], saved = *insn;
		u8 b = in_back(g->in), v = in_back(g->in);

		switch (b % 6) {
		case 0:
			insn->code = sip_insn_descs[v % SIP_OP__COUNT].code;
			break;
		case 1:
			insn->dst = v & 15;
			break;
		case 2:
			insn->src = v & 15;
			break;
		case 3:
			insn->off = (s16)((u16)insn->off + (u16)(s8)v);
			break;
		case 4:
			insn->imm = imm_table[v % ARRAY_SIZE(imm_table)];
			break;
		default:
			insn->imm = (s32)((u32)insn->imm + (u32)(s8)v);
			break;
		}
		/* Mostly keep the program well formed: the verifier's checks are the target. */
		if (b < 224 && sip_insn_check(g->insns, g->len, idx, NULL) < 0)
			*insn = saved;
	}
}

/* ---- running accepted programs ---- */

static struct {
	u64 inputs, programs, accepted, runs, budget;
} stats;

#define NR_REASONS 64
static struct {
	char msg[48];
	u64 count;
} reasons[NR_REASONS];

/* Counts a refusal under its message with the numbers taken out. */
static void note_reason(const char *msg)
{
	char key[48];
	u32 i, n = 0;

	for (; *msg && n + 1 < sizeof(key); msg++)
		if ((*msg < '0' || *msg > '9') && *msg != '-')
			key[n++] = *msg;
	key[n] = 0;
	for (i = 0; i < NR_REASONS && reasons[i].count; i++)
		if (!strcmp(reasons[i].msg, key))
			break;
	if (i == NR_REASONS)
		return;
	if (!reasons[i].count)
		memcpy(reasons[i].msg, key, n + 1);
	reasons[i].count++;
}

/*
 * Where a run's memory lies. In each place the stack, read-only and
 * writable data are 64 KiB apart, so that an access past one of them cannot
 * land in another and go unseen. The second place is elsewhere and its
 * stack starts with other garbage: a program whose result depends on
 * addresses (a pointer leaked as a number) or on stack it never wrote gives
 * itself away by answering differently there.
 */
#define ARENA_GAP	(64 << 10)
#define NR_PLACES	2

struct place {
	u64 *stack, *rodata, *data;
	u8 poison;
};

static u64 arena[4 * NR_PLACES * ARENA_GAP / 8];
static struct place places[NR_PLACES];

static void places_init(void)
{
	u32 i;

	for (i = 0; i < NR_PLACES; i++) {
		u64 *base = &arena[(i * 4 * ARENA_GAP + i * 0x1238) / 8];

		places[i].stack = base + 1 * ARENA_GAP / 8;
		places[i].rodata = base + 2 * ARENA_GAP / 8;
		places[i].data = base + 3 * ARENA_GAP / 8;
		places[i].poison = i ? 0x5a : 0xa5;
	}
}

static void fill(u64 *buf, u32 size, u8 how, u64 seed)
{
	u32 i;

	for (i = 0; i < size / 8; i++) {
		seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
		switch (how % 4) {
		case 0:
			buf[i] = seed;
			break;
		case 1:
			buf[i] = 0;
			break;
		case 2:
			buf[i] = ~0ull;
			break;
		default:
			buf[i] = imm64_table[seed % ARRAY_SIZE(imm64_table)];
			break;
		}
	}
}

static void print_stats(void);

static void print_program(const struct sip_insn *insns, u32 len)
{
	char text[SIP_DISASM_MAX];
	u32 pc;
	int n;

	for (pc = 0; pc < len; pc += n) {
		n = sip_disasm_insn(insns, len, pc, text, sizeof(text));
		if (n < 0) {
			fprintf(stderr, "\t.invalid\t# %u\n", pc);
			n = 1;
			continue;
		}
		fprintf(stderr, "\t%-40s # %u\n", text, pc);
	}
}

/* Where a faulting address lies, in the program's terms: near which base. */
static void print_addr(const struct place *pl, u64 addr)
{
	const struct {
		const char *name;
		u64 base;
	} bases[] = {
		{ "data", (unsigned long)pl->data },
		{ "rodata", (unsigned long)pl->rodata },
		{ "stack (frame 0's r10)", (unsigned long)pl->stack + SIP_RUN_STACK_BYTES },
	};
	u32 i, best = 0;

	for (i = 1; i < ARRAY_SIZE(bases); i++)
		if (llabs((s64)(addr - bases[i].base)) < llabs((s64)(addr - bases[best].base)))
			best = i;
	fprintf(stderr, "%s%+lld", bases[best].name, (long long)(addr - bases[best].base));
}

static void __attribute__((noreturn)) report(const struct sip_insn *insns, u32 len,
					      const char *what, const struct place *pl,
					      const struct sip_run *run, u32 data_size)
{
	fprintf(stderr, "\nverifier_fuzz: SOUNDNESS BUG: %s\n", what);
	if (run) {
		if (run->fault.kind) {
			fprintf(stderr, "verifier_fuzz: fault: %s at insn %u, %u bytes at ",
				sip_fault_name(run->fault.kind), run->fault.insn, run->fault.size);
			print_addr(pl, run->fault.addr);
			fprintf(stderr, "\n");
		}
		fprintf(stderr, "verifier_fuzz: r1 = %#llx, data_size %u, rodata_size %u\n",
			run->args[0], data_size, RODATA_SIZE);
	}
	fprintf(stderr, "verifier_fuzz: the program (%u insns):\n", len);
	print_program(insns, len);
	print_stats();
	__builtin_trap();
}

/* The program with every private-data lddw turned into an address in @pl, loaded. */
static struct sip_prog *load_at(const struct sip_insn *insns, u32 len, const struct place *pl,
				u32 data_size)
{
	static struct sip_insn reloc[MAX_INSNS];
	struct sip_prog *prog;
	struct sip_diag diag;
	u32 pc;

	memcpy(reloc, insns, len * sizeof(*insns));
	for (pc = 0; pc < len; pc++) {
		int op = sip_insn_op(&reloc[pc]);
		u64 addr;

		if (op != SIP_OP_LDDW_DATA && op != SIP_OP_LDDW_RODATA)
			continue;
		addr = (op == SIP_OP_LDDW_DATA ? (unsigned long)pl->data :
			(unsigned long)pl->rodata) + (u32)reloc[pc].imm;
		reloc[pc].src = SIP_PSEUDO_IMM;
		reloc[pc].imm = (s32)(u32)addr;
		reloc[pc + 1].imm = (s32)(u32)(addr >> 32);
		pc++;
	}
	if (sip_prog_load(reloc, len, NULL, &prog, &diag)) {
		fprintf(stderr, "verifier_fuzz: insn %u: %s\n", diag.insn, diag.msg);
		report(insns, len, "the interpreter refuses an accepted program", pl, NULL,
		       data_size);
	}
	return prog;
}

struct run_input {
	u64 r1;
	u32 data_size;
	u8 fill_how;
	u64 seed;
};

/* One checked run in @pl, its memory filled from @ri first. */
static int run_at(const struct sip_prog *prog, const struct place *pl,
		  const struct run_input *ri, struct sip_run *run)
{
	const struct sip_region regions[] = {
		{ (unsigned long)pl->data, ri->data_size, true },
		{ (unsigned long)pl->rodata, RODATA_SIZE, false },
	};

	memset(run, 0, sizeof(*run));
	run->args[0] = ri->r1;
	run->stack = pl->stack;
	run->regions = regions;
	run->nr_regions = ARRAY_SIZE(regions);
	run->budget = RUN_BUDGET;
	fill(pl->data, (ri->data_size + 7) & ~7u, ri->fill_how, ri->seed);
	fill(pl->rodata, RODATA_SIZE, ri->fill_how >> 2, ~ri->seed);
	memset(pl->stack, pl->poison, SIP_RUN_STACK_BYTES);
	stats.runs++;
	return sip_interp_run_checked(prog, run);
}

/* The same run elsewhere must give the same answer and leave the same data. */
static void check_elsewhere(const struct sip_insn *insns, u32 len, const struct sip_prog *there,
			    const struct run_input *ri, const struct sip_run *here)
{
	struct sip_run run;

	if (run_at(there, &places[1], ri, &run) && run.fault.kind != SIP_FAULT_BUDGET)
		report(insns, len, "an accepted program faults", &places[1], &run, ri->data_size);
	if (run.r0 == here->r0 && run.executed == here->executed &&
	    !memcmp(places[0].data, places[1].data, ri->data_size))
		return;
	fprintf(stderr, "\nverifier_fuzz: r0 %#llx, %llu insns run; elsewhere r0 %#llx, %llu insns run%s\n",
		here->r0, here->executed, run.r0, run.executed,
		memcmp(places[0].data, places[1].data, ri->data_size) ? ", other data" : "");
	report(insns, len, "the result depends on addresses or on unwritten stack (a leak)",
	       &places[0], here, ri->data_size);
}

static void run_accepted(const struct sip_insn *insns, u32 len, u32 data_size,
			 const u64 *r1, u8 fill_how, u64 seed)
{
	struct sip_prog *here = load_at(insns, len, &places[0], data_size);
	struct sip_prog *there = load_at(insns, len, &places[1], data_size);
	int i;

	for (i = 0; i < NR_RUNS; i++) {
		struct run_input ri = { r1[i], data_size, fill_how, seed + i };
		struct sip_run run;

		if (!run_at(here, &places[0], &ri, &run)) {
			if (i == 0)
				check_elsewhere(insns, len, there, &ri, &run);
			continue;
		}
		if (run.fault.kind == SIP_FAULT_BUDGET) {
			stats.budget++;
			break;	/* it may well loop for ever: do not try again */
		}
		report(insns, len, "an accepted program faults", &places[0], &run, data_size);
	}
	sip_prog_free(here);
	sip_prog_free(there);
}

static void print_stats(void)
{
	u32 i;

	fprintf(stderr, "verifier_fuzz: %llu programs, %llu accepted (%.1f%%), %llu runs, %llu stopped by the budget\n",
		stats.programs, stats.accepted,
		stats.programs ? 100.0 * stats.accepted / stats.programs : 0.0, stats.runs,
		stats.budget);
	if (!getenv("SIPDRV_FUZZ_STATS"))
		return;
	for (i = 0; i < NR_REASONS && reasons[i].count; i++)
		fprintf(stderr, "verifier_fuzz: %10llu refused: %s\n", reasons[i].count,
			reasons[i].msg);
}

/* SIPDRV_FUZZ_PRINT=1: every program and the verdict (to replay an input). */
static bool print_all;

static void print_verdict(const struct sip_vprog *vprog, const struct sip_diag *diag)
{
	char msg[256];

	if (diag)
		sip_verify_format(vprog, diag, msg, sizeof(msg));
	fprintf(stderr, "verifier_fuzz: %s%s\n", diag ? "refused: " : "accepted", diag ? msg : "");
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	collect_ops();
	places_init();
	print_all = getenv("SIPDRV_FUZZ_PRINT");
	atexit(print_stats);
	return 0;
}

/* Header (from the back): mode, sizes, r1 values and the data's contents. */
struct header {
	u8 mode;	/* 0-9: generated; 10-13: generated and mutated; 14-15: raw */
	u32 data_size;
	u32 nr_funcs;
	u32 mutations;
	u8 fill_how;
	u64 seed;
	u64 r1[NR_RUNS];
};

static u64 pick_r1(struct input *in)
{
	u8 b = in_back(in);
	u64 v = 0;
	int i;

	if (b < 128)
		return (u64)(s64)imm_table[b % ARRAY_SIZE(imm_table)];
	if (b < 192)
		return imm64_table[b % ARRAY_SIZE(imm64_table)];
	for (i = 0; i < 8; i++)
		v = v << 8 | in_back(in);
	return v;
}

static void read_header(struct input *in, struct header *h)
{
	u8 b = in_back(in);
	int i;

	h->mode = b & 15;
	h->data_size = (u32)data_size_table[(b >> 4) % ARRAY_SIZE(data_size_table)];
	b = in_back(in);
	h->nr_funcs = 1 + b % MAX_FUNCS;
	h->mutations = h->mode >= 10 ? 1 + (b >> 4) % 4 : 0;
	h->fill_how = in_back(in);
	h->seed = in_back(in) * 0x9e3779b97f4a7c15ull + 1;
	for (i = 0; i < NR_RUNS; i++)
		h->r1[i] = pick_r1(in);
}

static void take_raw(struct gen *g)
{
	size_t n = (g->in->tail - g->in->head) / sizeof(struct sip_insn);

	if (n > MAX_INSNS)
		n = MAX_INSNS;
	memcpy(g->insns, g->in->p + g->in->head, n * sizeof(struct sip_insn));
	g->len = (u32)n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct gen g;
	struct input in = { data, 0, size };
	struct sip_verify_opts opts = { .max_processed = MAX_PROCESSED, .max_states = MAX_STATES };
	struct sip_vprog vprog = { 0 };
	struct sip_diag diag;
	struct header h;

	stats.inputs++;
	read_header(&in, &h);
	memset(&g, 0, sizeof(g));
	g.in = &in;
	g.nr_funcs = h.nr_funcs;
	g.data_size = h.data_size;
	if (h.mode >= 14) {
		take_raw(&g);
	} else {
		gen_program(&g);
		mutate(&g, h.mutations);
	}
	if (!g.len)
		return 0;
	if (!(++stats.programs % STATS_EVERY))
		print_stats();
	if (print_all) {
		fprintf(stderr, "verifier_fuzz: program, data_size %u:\n", h.data_size);
		print_program(g.insns, g.len);
	}
	vprog.insns = g.insns;
	vprog.len = g.len;
	vprog.kind = SIP_VKIND_RAW;
	vprog.data_size = h.data_size;
	vprog.rodata_size = RODATA_SIZE;
	if (sip_verify(&vprog, &opts, NULL, &diag)) {
		note_reason(diag.msg);
		if (print_all)
			print_verdict(&vprog, &diag);
		return 0;
	}
	stats.accepted++;
	if (print_all)
		print_verdict(&vprog, NULL);
	run_accepted(g.insns, g.len, h.data_size, h.r1, h.fill_how, h.seed);
	return 0;
}
