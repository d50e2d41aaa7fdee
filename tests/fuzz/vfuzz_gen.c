// SPDX-License-Identifier: GPL-2.0
/*
 * The verifier fuzzer's raw programs: items that each append a few
 * instructions of one shape (ALU, loads and stores near the edges, bounded
 * and linked scalars, skips, loops, local calls...), functions made of
 * items, and the mutations of a generated program.
 */
#include "vfuzz.h"

/* ---- items: each appends a few instructions ---- */

static void t_alu_k(struct gen *g)
{
	u8 op = vf_pick_op(g, &vf_alu_k), dst = vf_pick_dst(g);

	if (SIP_OP(sip_insn_descs[op].code) != SIP_MOV && g->kind[dst] == K_NONE)
		vf_init_reg(g, dst, 0);
	vf_emit(g, op, dst, 0, 0, vf_pick_imm(g));
	if (!(vf_is_ptr_kind(g->kind[dst]) && (op == SIP_OP_ADD64_K || op == SIP_OP_SUB64_K)))
		g->kind[dst] = K_SCALAR;
}

static void t_alu_x(struct gen *g)
{
	u8 op = vf_pick_op(g, &vf_alu_x), dst = vf_pick_dst(g), src = vf_pick_src(g);
	u8 aop = SIP_OP(sip_insn_descs[op].code);

	if (aop != SIP_MOV && g->kind[dst] == K_NONE)
		vf_init_reg(g, dst, 0);
	vf_emit(g, op, dst, src, 0, 0);
	if (op == SIP_OP_MOV64_X)
		g->kind[dst] = g->kind[src];
	else if (op == SIP_OP_ADD64_X && vf_is_ptr_kind(g->kind[src]))
		g->kind[dst] = g->kind[src];
	else if (!(vf_is_ptr_kind(g->kind[dst]) && (op == SIP_OP_ADD64_X || op == SIP_OP_SUB64_X) &&
		   !vf_is_ptr_kind(g->kind[src])))
		g->kind[dst] = K_SCALAR;
}

static void t_alu_un(struct gen *g)
{
	u8 op = vf_pick_op(g, &vf_alu_un), dst = vf_pick_dst(g);

	if (g->kind[dst] == K_NONE)
		vf_init_reg(g, dst, 0);
	vf_emit(g, op, dst, 0, 0, 0);
	g->kind[dst] = K_SCALAR;
}

u32 vf_width_of(u8 op)
{
	static const u8 widths[4] = { [SIP_W >> 3] = 4, [SIP_H >> 3] = 2, [SIP_B >> 3] = 1,
				      [SIP_DW >> 3] = 8 };

	return widths[SIP_SIZE(sip_insn_descs[op].code) >> 3];
}

static void t_ldx(struct gen *g)
{
	u8 op = vf_pick_op(g, &vf_ldx_ops), kind, base = vf_pick_base(g, &kind);
	u8 dst = vf_pick_dst(g);

	vf_emit(g, op, dst, base, vf_pick_mem_off(g, kind, vf_width_of(op)), 0);
	g->kind[dst] = K_SCALAR;
}

static void t_st(struct gen *g)
{
	u8 op = vf_pick_op(g, &vf_st_ops), kind, base = vf_pick_base(g, &kind);
	s16 off = vf_pick_mem_off(g, kind, vf_width_of(op));

	vf_emit(g, op, base, 0, off, vf_pick_imm(g));
}

static void t_stx(struct gen *g)
{
	u8 op = vf_pick_op(g, &vf_stx_ops), kind, base = vf_pick_base(g, &kind);
	u8 src = vf_pick_src(g);
	s16 off = vf_pick_mem_off(g, kind, vf_width_of(op));

	vf_emit(g, op, base, src, off, 0);
}

static void t_atomic(struct gen *g)
{
	u8 op = vf_pick_op(g, &vf_atomic_ops), kind, base = vf_pick_base(g, &kind);
	u8 src = vf_pick_src(g);
	u32 width = vf_width_of(op);
	s16 off = vf_pick_mem_off(g, kind, width);

	if (in_byte(g->in) & 1)
		off &= (s16)~(width - 1);
	if (g->kind[0] == K_NONE)
		vf_init_reg(g, 0, 0);	/* cmpxchg compares r0 */
	vf_emit(g, op, base, src, off, 0);
	if (sip_insn_descs[op].var_value & SIP_FETCH)
		g->kind[op == SIP_OP_ACMPXCHG32 || op == SIP_OP_ACMPXCHG64 ? 0 : src] = K_SCALAR;
}

static void t_lddw(struct gen *g)
{
	u8 dst = vf_pick_dst(g);

	vf_init_reg(g, dst, (in_byte(g->in) % 3) == 0 ? 4 : (in_byte(g->in) & 1) ? 5 : 2);
}

/* A scalar bounded in one of the ways drivers bound indices. */
void vf_bound_scalar(struct gen *g, u8 s)
{
	static const s32 masks[] = { 7, 15, 63, 0xff, 0x3f8, 0x1f, 3, 0xfff };
	u8 b = in_byte(g->in);
	s32 k = (s32)(b >> 3);

	switch (b & 7) {
	case 0:
		vf_emit(g, SIP_OP_AND64_K, s, 0, 0, masks[(b >> 3) % ARRAY_SIZE(masks)]);
		break;
	case 1:
		vf_emit(g, SIP_OP_AND64_K, s, 0, 0, (s32)g->data_size - 1 - (b >> 7));
		break;
	case 2:	/* if (s > k) s = 0; with k near the edge */
		k = (s32)g->data_size - (s32)(b >> 4);
		vf_emit(g, vf_jmp_k.ops[in_byte(g->in) % vf_jmp_k.n], s, 0, 1, k);
		vf_emit(g, SIP_OP_MOV64_K, s, 0, 0, 0);
		break;
	case 3:
		vf_emit(g, SIP_OP_MOD64_K, s, 0, 0, k ? k : (s32)g->data_size);
		break;
	case 4:
		vf_emit(g, SIP_OP_RSH64_K, s, 0, 0, 56 + (b >> 5));
		break;
	case 5:
		vf_emit(g, SIP_OP_AND32_K, s, 0, 0, 0x3f);
		break;
	case 6:
		vf_emit(g, SIP_OP_LSH64_K, s, 0, 0, 3);
		break;
	default:
		vf_emit(g, SIP_OP_JLE_K, s, 0, 1, (s32)g->data_size - 8);
		vf_emit(g, SIP_OP_MOV64_K, s, 0, 0, 0);
		break;
	}
}

/* An unknown number in @s: r1, a load from data or the stack, a fetch... */
void vf_unknown_scalar(struct gen *g, u8 s)
{
	u8 b = in_byte(g->in), op = vf_ldx_ops.ops[(b >> 3) % vf_ldx_ops.n];

	/* A message handler's numbers come from its message (r6: the context). */
	if (g->no_jumps && b % 6 != 2 && b % 6 != 5) {
		vf_emit(g, SIP_OP_LDXDW, s, 6, (s16)(8 + 8 * ((b >> 3) % 4)), 0);
		g->kind[s] = K_SCALAR;
		return;
	}
	switch (b % 6) {
	case 0:
		vf_emit(g, SIP_OP_MOV64_X, s, 1, 0, 0);
		break;
	case 1:
		vf_emit(g, SIP_OP_MOV32_X, s, 1, 0, 0);
		break;
	case 2:
		vf_emit_lddw(g, SIP_OP_LDDW_DATA, s, 0);
		vf_emit(g, op, s, s, (s16)(vf_pick_lddw_off(g, g->data_size) & ~7u), 0);
		break;
	case 3:	/* through a stack slot, maybe partly overwritten */
		vf_emit(g, SIP_OP_STXDW, SIP_REG_FP, 1, -8, 0);
		if (b & 0x40)
			vf_emit(g, vf_st_ops.ops[(b >> 3) % vf_st_ops.n], SIP_REG_FP, 0,
				(s16)(-8 + (b >> 7) * 4), vf_pick_imm(g));
		vf_emit(g, op, s, SIP_REG_FP, -8, 0);
		break;
	case 4:	/* the old value of an atomic fetch */
		vf_emit(g, SIP_OP_STXDW, SIP_REG_FP, 1, -8, 0);
		vf_emit(g, SIP_OP_MOV64_K, s, 0, 0, vf_pick_imm(g));
		vf_emit(g, (b & 8) ? SIP_OP_AFADD64 : SIP_OP_AFXOR32, SIP_REG_FP, s, -8, 0);
		break;
	default:
		vf_emit(g, SIP_OP_LDDW, s, 0, 0, 0);
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
	u8 s = vf_pick_dst(g), p = vf_pick_dst(g), n = 1 + in_byte(g->in) % 4, b;

	if (p == s)
		p = (u8)((p + 1) % 10);
	if (g->locked & ((1u << p) | (1u << s)))
		return;
	vf_unknown_scalar(g, s);
	while (n--) {
		b = in_byte(g->in);
		if (b % 3 == 0)
			vf_emit(g, vf_pick_op(g, &vf_alu_x), s, (b & 8) ? s : 1, 0, 0);
		else if (b % 3 == 1)
			vf_emit(g, vf_pick_op(g, &vf_alu_k), s, 0, 0, vf_pick_imm(g));
		else
			vf_emit(g, vf_pick_op(g, &vf_alu_un), s, 0, 0, 0);
	}
	b = in_byte(g->in);
	if (b & 1) {	/* a bound check that skips the access */
		u8 op = vf_pick_op(g, (b & 2) ? &vf_jmp_x : &vf_jmp_k);

		vf_emit(g, op, s, (b & 2) ? 1 : 0, 4, (b & 2) ? 0 : vf_pick_imm(g));
	} else {
		vf_emit(g, SIP_OP_JA, 0, 0, 0, 0);	/* ja +0: the shape without the check */
	}
	vf_emit_lddw(g, SIP_OP_LDDW_DATA, p, (b & 4) ? g->data_size : 0);
	vf_emit(g, (b & 4) ? SIP_OP_SUB64_X : SIP_OP_ADD64_X, p, s, 0, 0);
	b = vf_pick_op(g, (b & 8) ? &vf_ldx_ops : &vf_stx_ops);
	if (sip_insn_descs[b].fmt == SIP_FMT_LDX)
		vf_emit(g, b, s, p, (s16)vf_pick_region_off(g, g->data_size, vf_width_of(b)), 0);
	else
		vf_emit(g, b, p, s, (s16)vf_pick_region_off(g, g->data_size, vf_width_of(b)), 0);
	g->kind[s] = K_SCALAR;
	g->kind[p] = K_DATA;
}

/* How @b becomes a copy of @a: a move, through the stack, or not quite. */
static void copy_scalar(struct gen *g, u8 b, u8 a, u8 how)
{
	switch (how % 5) {
	case 0:
	case 1:
		vf_emit(g, SIP_OP_MOV64_X, b, a, 0, 0);
		break;
	case 2:	/* spilled and filled back */
		vf_emit(g, SIP_OP_STXDW, SIP_REG_FP, a, -16, 0);
		vf_emit(g, SIP_OP_LDXDW, b, SIP_REG_FP, -16, 0);
		break;
	case 3:
		vf_emit(g, SIP_OP_MOV32_X, b, a, 0, 0);
		break;
	default:	/* copied, then the original moves on */
		vf_emit(g, SIP_OP_MOV64_X, b, a, 0, 0);
		vf_emit(g, SIP_OP_ADD64_K, a, 0, 0, vf_pick_imm(g));
		break;
	}
}

/*
 * Copies of one number: a bound check on one copy narrows the others only
 * if they still hold the same value, whatever joins and prunes between.
 */
static void t_linked(struct gen *g)
{
	u8 a = vf_pick_dst(g), b = vf_pick_dst(g), p = vf_pick_dst(g), how = in_byte(g->in), op;
	u32 jcc;

	if (a == b || p == a || p == b || (g->locked & ((1u << a) | (1u << b) | (1u << p))))
		return;
	vf_unknown_scalar(g, a);
	copy_scalar(g, b, a, how);
	if (how & 0x20) {	/* one arm makes b something else */
		vf_emit(g, vf_pick_op(g, &vf_jmp_k), a, 0, 1, vf_pick_imm(g));
		vf_emit(g, SIP_OP_MOV64_K, b, 0, 0, vf_pick_imm(g));
	}
	if (how & 0x40)
		vf_item(g);
	jcc = g->len;
	op = vf_pick_op(g, (how & 0x80) ? &vf_jmp_k : &vf_jmp_x);
	vf_emit(g, op, a, (how & 0x80) ? 0 : b, 0, (how & 0x80) ? vf_pick_imm(g) : 0);
	vf_emit_lddw(g, SIP_OP_LDDW_DATA, p, 0);
	vf_emit(g, SIP_OP_ADD64_X, p, b, 0, 0);
	op = vf_pick_op(g, &vf_ldx_ops);
	vf_emit(g, op, p, p, (s16)vf_pick_region_off(g, g->data_size, vf_width_of(op)), 0);
	g->insns[jcc].off = (s16)(g->len - jcc - 1);
	g->kind[a] = g->kind[b] = g->kind[p] = K_SCALAR;
}

/* p += bounded scalar, then an access through p. */
static void t_ptr_add(struct gen *g)
{
	u8 b = in_byte(g->in), p = vf_pick_ptr(g, (b & 3) ? K_DATA : K_STACK), s;

	if (p == SIP_REG_FP || (g->locked & (1u << p))) {
		p = vf_pick_dst(g);
		vf_init_reg(g, p, (b & 3) ? 2 : 3);
	}
	s = vf_pick_dst(g);
	if (s == p)
		s = (u8)((s + 1) % 10);
	if (g->locked & (1u << s) || s == p)
		return;
	vf_init_reg(g, s, (b & 4) ? 1 : 7);
	vf_bound_scalar(g, s);
	vf_emit(g, (b & 8) ? SIP_OP_SUB64_X : SIP_OP_ADD64_X, p, s, 0, 0);
	g->kind[s] = K_SCALAR;
	if (b & 16) {	/* scalar + pointer */
		vf_emit(g, SIP_OP_ADD64_X, s, p, 0, 0);
		g->kind[s] = g->kind[p];
		p = s;
	}
	if (b & 32) {
		u8 op = vf_ldx_ops.ops[(b >> 6) % vf_ldx_ops.n];

		vf_emit(g, op, vf_pick_dst(g), p, vf_pick_mem_off(g, K_DATA, vf_width_of(op)), 0);
	}
}

static u8 pick_cmp_reg(struct gen *g)
{
	u8 r = vf_pick_src(g);

	return g->kind[r] == K_NONE ? SIP_REG_FP : r;
}

/* A conditional jump of any kind whose target is patched later. */
static void emit_cond(struct gen *g, u32 target_item)
{
	u8 b = in_byte(g->in), a = pick_cmp_reg(g), op;

	if (b & 1) {
		u8 c = pick_cmp_reg(g);

		op = vf_pick_op(g, &vf_jmp_x);
		vf_emit(g, op, a, c, 0, 0);
	} else {
		op = vf_pick_op(g, &vf_jmp_k);
		vf_emit(g, op, a, 0, 0, vf_pick_imm(g));
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
	u8 a = vf_pick_dst(g), c = pick_cmp_reg(g), how = in_byte(g->in);
	u32 jcc, ja, mid;

	jcc = g->len;
	vf_emit(g, vf_pick_op(g, &vf_jmp_k), c, 0, 0, vf_pick_imm(g));
	vf_init_reg(g, a, how);
	ja = g->len;
	vf_emit(g, SIP_OP_JA, 0, 0, 0, 0);
	mid = g->len;
	vf_init_reg(g, a, how >> 4);
	g->insns[jcc].off = (s16)(mid - jcc - 1);
	g->insns[ja].off = (s16)(g->len - ja - 1);
	if (g->kind[a] == K_NONE)
		g->kind[a] = K_ANY;
}

/* An early return: jcc +2; mov r0, k; exit. */
static void t_exit(struct gen *g)
{
	u8 c = pick_cmp_reg(g);

	vf_emit(g, vf_pick_op(g, &vf_jmp_k), c, 0, 2, vf_pick_imm(g));
	vf_emit(g, SIP_OP_MOV64_K, 0, 0, 0, vf_pick_imm(g));
	vf_emit(g, SIP_OP_EXIT, 0, 0, 0, 0);
}

static void t_spill_fill(struct gen *g)
{
	u8 src = vf_pick_src(g), dst = vf_pick_dst(g), op = vf_pick_op(g, &vf_ldx_ops);
	s16 off = vf_pick_mem_off(g, K_STACK, 8);
	u8 b = in_byte(g->in);

	vf_emit(g, SIP_OP_STXDW, SIP_REG_FP, src, off, 0);
	if (b & 1)
		vf_item(g);
	if (b & 6)	/* mostly the whole slot back; else a part, maybe shifted */
		vf_emit(g, SIP_OP_LDXDW, dst, SIP_REG_FP, off, 0);
	else
		vf_emit(g, op, dst, SIP_REG_FP, (s16)(off + (b >> 3) % 9 - 4), 0);
	g->kind[dst] = g->kind[src] == K_NONE ? K_SCALAR : g->kind[src];
}

static void t_stack_ptr(struct gen *g)
{
	vf_init_reg(g, vf_pick_dst(g), 3);
}

/* A counted loop around a few items; the counter is callee-saved (r6-r9). */
static void t_loop(struct gen *g)
{
	u8 b = in_byte(g->in), c = 6 + in_byte(g->in) % 4, n = 1 + in_byte(g->in) % 3, i;
	s32 count = (b & 0x80) ? (s32)g->data_size : (s32)(in_byte(g->in) % 20);
	u32 head;

	if (g->depth >= MAX_LOOP_DEPTH || (g->locked & (1u << c))) {
		vf_item(g);
		return;
	}
	if (b & 0x40)
		vf_emit(g, SIP_OP_MOV64_K, c, 0, 0, count);
	else
		vf_emit(g, SIP_OP_MOV64_K, c, 0, 0, 0);
	g->kind[c] = K_SCALAR;
	g->locked |= 1u << c;
	g->depth++;
	head = g->len;
	for (i = 0; i < n; i++)
		vf_item(g);
	if (b & 0x40) {
		vf_emit(g, SIP_OP_ADD64_K, c, 0, 0, -1);
		vf_emit(g, (b & 0x20) ? SIP_OP_JNE_K : SIP_OP_JSGT_K, c, 0, 0, 0);
	} else {
		vf_emit(g, SIP_OP_ADD64_K, c, 0, 0, (b & 0x10) ? 8 : 1);
		vf_emit(g, vf_pick_op(g, &vf_jmp_k), c, 0, 0, count);
	}
	g->insns[g->len - 1].off = (s16)(head - g->len);
	g->depth--;
	g->locked &= ~(1u << c);
}

static void emit_call(struct gen *g, u32 callee)
{
	vf_emit(g, SIP_OP_CALL_LOCAL, 0, 0, 0, 0);
	g->fix[g->nr_fix++] = (struct fixup){ g->len - 1, 0, (int)callee };
	g->called[callee] = true;
	g->kind[0] = K_ANY;
}

/* A call of a later function; afterwards r1-r5 are unset, some are set again. */
static void t_call(struct gen *g)
{
	u8 r;

	if (g->func + 1 >= g->nr_funcs) {
		vf_item(g);
		return;
	}
	emit_call(g, g->func + 1 + in_byte(g->in) % (g->nr_funcs - g->func - 1));
	g->kind[1] = K_NONE;
	if (!(g->locked & 2))
		vf_init_reg(g, 1, 7);	/* an unknown number again, for what copies r1 */
	for (r = 2; r <= 5; r++) {
		u8 b = in_byte(g->in);

		g->kind[r] = K_NONE;
		if (b & 3)
			vf_init_reg(g, r, b >> 2);
	}
}

/* @n distinct registers the item may write, into @r; false if there are not enough. */
static bool pick_regs(struct gen *g, u8 *r, u32 n)
{
	u32 i, j;

	for (i = 0; i < n; i++) {
		r[i] = vf_pick_dst(g);
		for (j = 0; j < i; j++)
			if (r[j] == r[i])
				r[i] = (u8)((r[i] + 1) % 10);
		for (j = 0; j < i; j++)
			if (r[j] == r[i] || (g->locked & (1u << r[i])))
				return false;
		if (g->locked & (1u << r[i]))
			return false;
	}
	return true;
}

static const u8 item_widths[] = { 1, 2, 4, 8 };

/*
 * "for (i = 0; i + k <= n; i += step) data[i]" with n a number bounded by
 * the data's size: the index is bounded by n only (relations, kept across
 * widening). An access wider than k, or n one past the data: refusals.
 */
static void t_len_loop(struct gen *g)
{
	static const u8 steps[] = { 1, 2, 4, 8, 3 };
	u8 b = in_byte(g->in), c = in_byte(g->in), r[4], n, i, t, p;
	u8 w = item_widths[b % 4], k = w, step = steps[(b >> 2) % ARRAY_SIZE(steps)];
	u32 head, out;

	if (!pick_regs(g, r, 4))
		return;
	n = r[0], i = r[1], t = r[2], p = r[3];
	g->shapes |= 1u << SH_LEN_LOOP;
	if ((b & 0xe0) == 0xe0 && w > 1)
		k = w - 1;
	vf_unknown_scalar(g, n);
	if (c & 1)	/* "if (n > size) n = size", one past now and then */
		vf_emit(g, SIP_OP_JLE_K, n, 0, 1, (s32)g->data_size + ((c & 0x70) == 0x70));
	else
		vf_emit(g, SIP_OP_AND64_K, n, 0, 0, (s32)g->data_size - 1);
	if (c & 1)
		vf_emit(g, SIP_OP_MOV64_K, n, 0, 0, (s32)g->data_size);
	vf_emit(g, SIP_OP_MOV64_K, i, 0, 0, 0);
	head = g->len;
	vf_emit(g, SIP_OP_MOV64_X, t, i, 0, 0);
	vf_emit(g, (c & 2) ? SIP_OP_ADD32_K : SIP_OP_ADD64_K, t, 0, 0, k);
	out = g->len;
	vf_emit(g, (c & 4) ? SIP_OP_JLT_X : SIP_OP_JGT_X, (c & 4) ? n : t, (c & 4) ? t : n, 0, 0);
	vf_emit_lddw(g, SIP_OP_LDDW_DATA, p, 0);
	vf_emit(g, SIP_OP_ADD64_X, p, i, 0, 0);
	if (c & 8)
		vf_emit(g, vf_ldx_ops.ops[(c >> 4) % vf_ldx_ops.n], t, p, 0, 0);
	else
		vf_emit(g, w == 1 ? SIP_OP_STXB : SIP_OP_STXH, p, n, 0, 0);
	vf_emit(g, SIP_OP_ADD64_K, i, 0, 0, step);
	vf_emit(g, SIP_OP_JA, 0, 0, (s16)(head - g->len - 1), 0);
	g->insns[out].off = (s16)(g->len - out - 1);
	g->kind[n] = g->kind[i] = g->kind[t] = K_SCALAR;
	g->kind[p] = K_DATA;
}

/*
 * A stack buffer accessed at a variable offset: initialised or not,
 * maybe holding a spilled pointer that is filled back and used after; the
 * offset bounded to the buffer, or one past it (refusals).
 */
static void t_stack_var(struct gen *g)
{
	u8 b = in_byte(g->in), c = in_byte(g->in), r[2], s, p, j;
	s32 size = 8 << (b % 4), w = item_widths[(b >> 2) % 4];

	if (!pick_regs(g, r, 2))
		return;
	s = r[0], p = r[1];
	g->shapes |= 1u << SH_STACK_VAR;
	if (b & 0x10)
		for (j = 0; j < size / 8; j++)
			if (!(b & 0x20) || j != (c >> 4) % (size / 8))
				vf_emit(g, SIP_OP_STDW, SIP_REG_FP, 0, (s16)(-size + 8 * j), vf_pick_imm(g));
	if (b & 0x40)
		vf_emit(g, SIP_OP_STXDW, SIP_REG_FP, SIP_REG_FP, -8, 0);
	vf_unknown_scalar(g, s);
	vf_emit(g, SIP_OP_AND64_K, s, 0, 0, size - w + ((c & 7) == 7));
	vf_emit(g, SIP_OP_MOV64_X, p, SIP_REG_FP, 0, 0);
	vf_emit(g, SIP_OP_ADD64_K, p, 0, 0, -size);
	vf_emit(g, SIP_OP_ADD64_X, p, s, 0, 0);
	switch ((c >> 3) % 3) {
	case 0:
		vf_emit(g, w == 1 ? SIP_OP_STB : w == 2 ? SIP_OP_STH : w == 4 ? SIP_OP_STW : SIP_OP_STDW,
			p, 0, 0, vf_pick_imm(g));
		break;
	case 1:
		vf_emit(g, w == 1 ? SIP_OP_STXB : w == 2 ? SIP_OP_STXH : w == 4 ? SIP_OP_STXW :
			SIP_OP_STXDW, p, s, 0, 0);
		break;
	default:
		vf_emit(g, w == 1 ? SIP_OP_LDXB : w == 2 ? SIP_OP_LDXH : w == 4 ? SIP_OP_LDXW :
			SIP_OP_LDXDW, s, p, 0, 0);
		break;
	}
	if (b & 0x80)
		vf_emit(g, SIP_OP_LDXDW, s, SIP_REG_FP, (s16)(-size + 8 * ((c >> 5) % (size / 8))), 0);
	if (b & 0x40) {		/* the pointer back, and a use of it */
		vf_emit(g, SIP_OP_LDXDW, p, SIP_REG_FP, -8, 0);
		vf_emit(g, SIP_OP_LDXB, s, p, -1, 0);
	}
	g->kind[s] = K_SCALAR;
	g->kind[p] = K_ANY;
}

/*
 * "while (ro[i]) i++" from a start the program chooses: read-only data
 * walked to a NUL, accepted only where the verifier knows the data and
 * every walk stops inside it.
 */
static void t_rodata_walk(struct gen *g)
{
	u8 b = in_byte(g->in), r[3], i, p, v;
	u32 head, out;

	if (!pick_regs(g, r, 3))
		return;
	i = r[0], p = r[1], v = r[2];
	g->shapes |= 1u << SH_RODATA_WALK;
	vf_unknown_scalar(g, i);
	vf_emit(g, SIP_OP_AND64_K, i, 0, 0, (b & 1) ? 7 : (b & 2) ? 15 : RODATA_SIZE - 1);
	head = g->len;
	vf_emit_lddw(g, SIP_OP_LDDW_RODATA, p, 0);
	vf_emit(g, SIP_OP_ADD64_X, p, i, 0, 0);
	vf_emit(g, SIP_OP_LDXB, v, p, 0, 0);
	out = g->len;
	vf_emit(g, SIP_OP_JEQ_K, v, 0, 0, 0);
	vf_emit(g, SIP_OP_ADD64_K, i, 0, 0, 1);
	vf_emit(g, SIP_OP_JA, 0, 0, (s16)(head - g->len - 1), 0);
	g->insns[out].off = (s16)(g->len - out - 1);
	g->kind[i] = g->kind[v] = K_SCALAR;
	g->kind[p] = K_RODATA;
}

/* Any non-control row with chosen fields. */
static void t_raw(struct gen *g)
{
	u8 op = in_byte(g->in) % SIP_OP__COUNT, dst, src;
	const struct sip_insn_desc *d = &sip_insn_descs[op];
	s16 off;

	if (d->fmt >= SIP_FMT_JA || d->fmt == SIP_FMT_LDDW || d->fmt == SIP_FMT_LDDW_PSEUDO) {
		vf_item(g);
		return;
	}
	dst = vf_pick_dst(g);
	src = vf_pick_src(g);
	off = vf_pick_mem_off(g, K_ANY, 8);
	vf_emit(g, op, dst, src, off, vf_pick_imm(g));
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
	{ t_linked, 5 }, { t_len_loop, 4 }, { t_stack_var, 4 }, { t_rodata_walk, 2 },
};

static u32 total_weight(void)
{
	u32 i, w = 0;

	for (i = 0; i < ARRAY_SIZE(items); i++)
		w += items[i].weight;
	return w;
}

void vf_item(struct gen *g)
{
	u32 w = in_byte(g->in) % total_weight(), i;

	/* Deep nesting, or many items that added nothing: keep the slack. */
	if (g->len >= g->func_start[g->func] + FUNC_INSNS + 120 || g->nr_items >= MAX_ITEMS)
		return;
	g->items[g->nr_items++] = g->len;
	for (i = 0; w >= items[i].weight; i++)
		w -= items[i].weight;
	/* Message handlers lay out their own jumps: only items that keep theirs inside. */
	if (g->no_jumps && (items[i].fn == t_skip || items[i].fn == t_back ||
			    items[i].fn == t_exit || items[i].fn == t_call))
		i = 0;
	items[i].fn(g);
}

/* ---- functions and the whole program ---- */

static void prologue(struct gen *g)
{
	u8 r, n = in_byte(g->in) % 17, i;

	for (r = 0; r <= 9; r++) {
		if (g->func == 0 ? r == 1 : (r >= 1 && r <= 5))
			continue;
		vf_init_reg(g, r, in_byte(g->in) % 9);	/* 9 would leave it unset */
	}
	for (i = 0; i < n; i++) {
		u8 b = in_byte(g->in);

		if (b & 1)
			vf_emit(g, SIP_OP_STDW, SIP_REG_FP, 0, (s16)(-8 * (i + 1)), vf_pick_imm(g));
		else
			vf_emit(g, SIP_OP_STXDW, SIP_REG_FP, (u8)((b >> 1) % 10),
				(s16)(-8 * (i + 1)), 0);
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
		vf_emit(g, SIP_OP_MOV64_X, 0, (u8)(b >> 4) % 10, 0, 0);
	else
		vf_emit(g, SIP_OP_MOV64_K, 0, 0, 0, vf_pick_imm(g));
	vf_emit(g, SIP_OP_EXIT, 0, 0, 0, 0);
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
		vf_item(g);
	epilogue(g);
	patch_jumps(g);
}

void vf_gen_program(struct gen *g)
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
void vf_mutate(struct gen *g, u32 n)
{
	while (n-- && g->len) {
		u32 lo = in_back(g->in);	/* two reads apart: C leaves their order open */
		u32 idx = (lo | (u32)in_back(g->in) << 8) % g->len;
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
			insn->imm = vf_imm_table[v % vf_nr_imm];
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
