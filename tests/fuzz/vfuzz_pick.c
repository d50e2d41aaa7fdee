// SPDX-License-Identifier: GPL-2.0
/*
 * The verifier fuzzer's instructions: the values worth trying, and how an
 * instruction is emitted and its operands chosen from the input.
 */
#include "vfuzz.h"

/* ---- values worth trying ---- */

const s32 vf_imm_table[] = {
	0, 1, -1, 2, 3, 4, 7, 8, 15, 16, 31, 32, 33, 63, 64, 65, 127, 128, 255, 256,
	511, 512, 513, 1023, 1024, 4095, 4096, 0x7fff, 0x8000, 0xffff, 0x10000,
	0x3fffffff, 0x40000000, 0x7fffffff, (s32)0x80000000, (s32)0x80000001, -2, -7, -8,
	-16, -64, -256, -511, -512, -513, -4096, -0x8000, 1 << 30, 1 << 20,
};

const u64 vf_imm64_table[] = {
	0, 1, 0xffffffffull, 0x100000000ull, 0x100000001ull, 0x7fffffffull, 0x80000000ull,
	1ull << 63, (1ull << 63) - 1, ~0ull, 0xffffffff00000000ull, 0xffffffff80000000ull,
	1ull << 31, (1ull << 32) + 64, 0x8000000000000001ull, 1ull << 62,
};

static const s16 stack_off_table[] = {
	-8, -16, -24, -32, -64, -128, -256, -504, -512, -511, -510, -508, -505, -1, -2, -3,
	-4, -6, -7, 0, -513, -516, -520, 8, 1, -9, -12, -500, -40, -48, -56, -60,
};

const u32 vf_nr_imm = ARRAY_SIZE(vf_imm_table);
const u32 vf_nr_imm64 = ARRAY_SIZE(vf_imm64_table);

/* ---- emitting instructions ---- */

/* Rows of SIP_INSNS by format, collected once. */
struct op_list vf_alu_k, vf_alu_x, vf_alu_un, vf_ldx_ops, vf_st_ops, vf_stx_ops, vf_atomic_ops,
	vf_jmp_k, vf_jmp_x;

void vf_collect_ops(void)
{
	static struct op_list *const by_fmt[SIP_FMT__COUNT] = {
		[SIP_FMT_ALU_K] = &vf_alu_k, [SIP_FMT_ALU_X] = &vf_alu_x,
		[SIP_FMT_ALU_UN] = &vf_alu_un, [SIP_FMT_LDX] = &vf_ldx_ops,
		[SIP_FMT_ST] = &vf_st_ops, [SIP_FMT_STX] = &vf_stx_ops,
		[SIP_FMT_ATOMIC] = &vf_atomic_ops, [SIP_FMT_JMP_K] = &vf_jmp_k,
		[SIP_FMT_JMP_X] = &vf_jmp_x,
	};
	u32 op;

	for (op = 0; op < SIP_OP__COUNT; op++) {
		struct op_list *l = by_fmt[sip_insn_descs[op].fmt];

		if (l)
			l->ops[l->n++] = (u8)op;
	}
}

u8 vf_pick_op(struct gen *g, const struct op_list *l)
{
	return l->ops[in_byte(g->in) % l->n];
}

/* Appends one instruction of row @op; the row's variant field wins over the arguments. */
void vf_emit(struct gen *g, enum sip_op op, u8 dst, u8 src, s16 off, s32 imm)
{
	u32 slots = sip_op_slots(op);

	if (g->len + slots > MAX_INSNS)
		__builtin_trap();	/* FUNC_INSNS leaves room for any item: a generator bug */
	sip_insn_make(&g->insns[g->len], op, dst, src, off, imm);
	g->len += slots;
}

void vf_emit_lddw(struct gen *g, enum sip_op op, u8 dst, u64 imm)
{
	vf_emit(g, op, dst, 0, 0, (s32)(u32)imm);
	g->insns[g->len - 1].imm = (s32)(u32)(imm >> 32);
}

s32 vf_pick_imm(struct gen *g)
{
	u8 b = in_byte(g->in);

	if (b < 64)
		return (s32)b - 16;
	if (b < 176)
		return vf_imm_table[b % vf_nr_imm];
	if (b < 192)
		return (s32)g->data_size - (b & 15);
	return (s32)in_u32(g->in);
}

u64 vf_pick_imm64(struct gen *g)
{
	u8 b = in_byte(g->in);

	if (b < 200)
		return vf_imm64_table[b % vf_nr_imm64];
	return in_u64(g->in);
}

/* An offset into private data of @size bytes for an access of @width bytes. */
s32 vf_pick_region_off(struct gen *g, u32 size, u32 width)
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

s16 vf_pick_mem_off(struct gen *g, u8 kind, u32 width)
{
	u8 b = in_byte(g->in);

	if (b >= 248) {
		u16 lo = in_byte(g->in);	/* two reads apart: C leaves their order open */

		return (s16)(lo | in_byte(g->in) << 8);
	}
	switch (kind) {
	case K_STACK:
		if (b < 128)
			return (s16)(-8 * (1 + b % 64));
		return stack_off_table[b % ARRAY_SIZE(stack_off_table)];
	case K_DATA:
		return (s16)vf_pick_region_off(g, g->data_size, width);
	case K_RODATA:
		return (s16)vf_pick_region_off(g, RODATA_SIZE, width);
	default:
		return (s16)vf_pick_imm(g);
	}
}

bool vf_is_ptr_kind(u8 k)
{
	return k == K_DATA || k == K_RODATA || k == K_STACK;
}

/* A register the item may write: r0-r9 but no loop counter. */
u8 vf_pick_dst(struct gen *g)
{
	u8 r = in_byte(g->in) % 10;
	int i;

	for (i = 0; i < 10 && (g->locked & (1u << r)); i++)
		r = (r + 1) % 10;
	return r;
}

/* A register to read (r0-r10); one never written is set first. */
u8 vf_pick_src(struct gen *g)
{
	u8 b = in_byte(g->in), r = b % 11;

	if (g->kind[r] == K_NONE && !(g->locked & (1u << r)))
		vf_init_reg(g, r, b >> 4);
	return r;
}

/* A register that holds (we think) a pointer of @kind, else r10 or a fresh one. */
u8 vf_pick_ptr(struct gen *g, u8 kind)
{
	u8 b = in_byte(g->in), r, i;

	for (i = 0; i < 10; i++) {
		r = (u8)((b + i) % 10);
		if (g->kind[r] == kind)
			return r;
	}
	if (kind == K_STACK)
		return SIP_REG_FP;
	r = vf_pick_dst(g);
	vf_init_reg(g, r, kind == K_DATA ? 2 : 5);
	return r;
}

/* The base register of a memory access, and what it points to. */
u8 vf_pick_base(struct gen *g, u8 *kind)
{
	u8 b = in_byte(g->in), r;

	switch (b >> 6) {
	case 0:
		*kind = K_STACK;
		return SIP_REG_FP;
	case 1:
		*kind = K_DATA;
		return vf_pick_ptr(g, K_DATA);
	case 2:
		*kind = (b & 1) ? K_RODATA : K_STACK;
		return vf_pick_ptr(g, *kind);
	default:
		r = b % 11;
		*kind = r == SIP_REG_FP ? K_STACK : g->kind[r];
		return r;
	}
}

/* Where an lddw of private data of @size bytes points: mostly inside. */
u32 vf_pick_lddw_off(struct gen *g, u32 size)
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
void vf_init_reg(struct gen *g, u8 r, u8 how)
{
	u8 k = K_SCALAR;

	switch (how % 10) {
	case 0:
	case 8:
		vf_emit(g, SIP_OP_MOV64_K, r, 0, 0, vf_pick_imm(g));
		break;
	case 1:
		if (g->kind[1] == K_NONE) {	/* after a helper call */
			vf_emit(g, SIP_OP_MOV64_K, r, 0, 0, vf_pick_imm(g));
			break;
		}
		vf_emit(g, SIP_OP_MOV64_X, r, 1, 0, 0);
		k = g->kind[1];
		break;
	case 2:
		vf_emit_lddw(g, SIP_OP_LDDW_DATA, r, vf_pick_lddw_off(g, g->data_size));
		k = K_DATA;
		break;
	case 3:
		vf_emit(g, SIP_OP_MOV64_X, r, SIP_REG_FP, 0, 0);
		vf_emit(g, SIP_OP_ADD64_K, r, 0, 0, vf_pick_mem_off(g, K_STACK, 8));
		k = K_STACK;
		break;
	case 4:
		vf_emit_lddw(g, SIP_OP_LDDW, r, vf_pick_imm64(g));
		break;
	case 5:
		vf_emit_lddw(g, SIP_OP_LDDW_RODATA, r, vf_pick_lddw_off(g, RODATA_SIZE));
		k = K_RODATA;
		break;
	case 6:
		if (g->kind[1] == K_NONE || g->kind[1] == K_CTX) {
			vf_emit(g, SIP_OP_MOV64_K, r, 0, 0, vf_pick_imm(g));
			break;
		}
		vf_emit(g, SIP_OP_MOV32_X, r, 1, 0, 0);
		break;
	case 7:	/* an unknown value read from private data */
		vf_emit_lddw(g, SIP_OP_LDDW_DATA, r, 0);
		vf_emit(g, vf_ldx_ops.ops[in_byte(g->in) % vf_ldx_ops.n], r, r, 0, 0);
		break;
	default:
		return;		/* left unset */
	}
	g->kind[r] = k;
}
