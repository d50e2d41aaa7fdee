// SPDX-License-Identifier: GPL-2.0
/* The instruction table, opcode lookup and the structural program check. */
#include "platform.h"
#include "insn.h"

const struct sip_insn_desc sip_insn_descs[SIP_OP__COUNT] = {
#define DESC(name, c, v, vv, m, f, g, fl)			\
	[SIP_OP_##name] = { .mnem = m, .code = c, .var = v, .fmt = f,	\
			    .group = g, .flags = fl, .var_value = vv },
	SIP_INSNS(DESC)
#undef DESC
};

/*
 * The last row of each opcode byte, plus one (0: no row). Rows that share an
 * opcode differ by a variant field; sip_insn_op() walks back from here.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
static const u8 last_row_of_code[256] = {
#define LAST(name, c, ...) \
	[c] = SIP_OP_##name + 1,
	SIP_INSNS(LAST)
#undef LAST
};
#pragma GCC diagnostic pop

static s32 variant_of(const struct sip_insn *insn, u8 var)
{
	switch (var) {
	case SIP_VAR_OFF:
		return insn->off;
	case SIP_VAR_IMM:
		return insn->imm;
	case SIP_VAR_SRC:
		return insn->src;
	default:
		return 0;
	}
}

int sip_insn_op(const struct sip_insn *insn)
{
	int row = last_row_of_code[insn->code] - 1;

	for (; row >= 0; row--) {
		const struct sip_insn_desc *d = &sip_insn_descs[row];

		if (d->code != insn->code)
			continue;
		if (d->var == SIP_VAR_NONE || variant_of(insn, d->var) == d->var_value)
			return row;
	}
	return -1;
}

void sip_insn_make(struct sip_insn *insn, enum sip_op op, u8 dst, u8 src, s16 off, s32 imm)
{
	const struct sip_insn_desc *d = &sip_insn_descs[op];

	memset(insn, 0, sip_op_slots(op) * sizeof(*insn));
	insn->code = d->code;
	insn->dst = dst;
	insn->src = src;
	insn->off = off;
	insn->imm = imm;
	switch (d->var) {
	case SIP_VAR_OFF:
		insn->off = (s16)d->var_value;
		break;
	case SIP_VAR_IMM:
		insn->imm = d->var_value;
		break;
	case SIP_VAR_SRC:
		insn->src = (u8)d->var_value;
		break;
	}
}

int sip_diag_set(struct sip_diag *diag, u32 insn, const char *fmt, ...)
{
	va_list ap;

	if (diag) {
		diag->insn = insn;
		va_start(ap, fmt);
		sip_vsnprintf(diag->msg, sizeof(diag->msg), fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

/* Which fields each format leaves unused (they must be zero). */
enum { F_DST = 1, F_SRC = 2, F_OFF = 4, F_IMM = 8 };
static const u8 unused_fields[] = {
	[SIP_FMT_ALU_K] = F_SRC | F_OFF,
	[SIP_FMT_ALU_X] = F_IMM | F_OFF,
	[SIP_FMT_ALU_UN] = F_SRC | F_OFF | F_IMM,
	[SIP_FMT_LDDW] = F_SRC | F_OFF,
	[SIP_FMT_LDDW_PSEUDO] = F_SRC | F_OFF,
	[SIP_FMT_LDX] = F_IMM,
	[SIP_FMT_ST] = F_SRC,
	[SIP_FMT_STX] = F_IMM,
	[SIP_FMT_ATOMIC] = 0,
	[SIP_FMT_JA] = F_DST | F_SRC | F_IMM,
	[SIP_FMT_JA32] = F_DST | F_SRC | F_OFF,
	[SIP_FMT_JMP_K] = F_SRC,
	[SIP_FMT_JMP_X] = F_IMM,
	[SIP_FMT_CALL] = F_DST | F_OFF,
	[SIP_FMT_CALL_LOCAL] = F_DST | F_OFF,
	[SIP_FMT_CALLX] = F_SRC | F_OFF | F_IMM,
	[SIP_FMT_EXIT] = F_DST | F_SRC | F_OFF | F_IMM,
};

int sip_insn_check(const struct sip_insn *insns, u32 len, u32 idx, struct sip_diag *diag)
{
	return sip_insn_check_flags(insns, len, idx, 0, diag);
}

int sip_insn_check_flags(const struct sip_insn *insns, u32 len, u32 idx, u32 flags,
			 struct sip_diag *diag)
{
	u8 nr_regs = flags & SIP_CHECK_AUX_REG ? SIP_REG_AUX + 1 : SIP_NR_REGS;
	const struct sip_insn *insn = &insns[idx];
	const struct sip_insn_desc *d;
	u8 unused;
	int op;

	op = sip_insn_op(insn);
	if (op < 0) {
		if (last_row_of_code[insn->code])
			return sip_diag_set(diag, idx,
					    "opcode 0x%02x has no variant off=%d imm=%d src=%d",
					    insn->code, insn->off, insn->imm, insn->src);
		return sip_diag_set(diag, idx, "unknown opcode 0x%02x", insn->code);
	}
	d = &sip_insn_descs[op];
	unused = unused_fields[d->fmt];
	/* The variant field carries the variant, whatever the format says. */
	if (d->var == SIP_VAR_OFF)
		unused &= ~F_OFF;
	else if (d->var == SIP_VAR_IMM)
		unused &= ~F_IMM;
	else if (d->var == SIP_VAR_SRC)
		unused &= ~F_SRC;

	if ((unused & F_DST) && insn->dst)
		return sip_diag_set(diag, idx, "%s: reserved field dst is %d, must be 0", d->mnem, insn->dst);
	if ((unused & F_SRC) && insn->src)
		return sip_diag_set(diag, idx, "%s: reserved field src is %d, must be 0", d->mnem, insn->src);
	if ((unused & F_OFF) && insn->off)
		return sip_diag_set(diag, idx, "%s: reserved field off is %d, must be 0", d->mnem, insn->off);
	if ((unused & F_IMM) && insn->imm)
		return sip_diag_set(diag, idx, "%s: reserved field imm is %d, must be 0", d->mnem, insn->imm);
	if (insn->dst >= nr_regs)
		return sip_diag_set(diag, idx, "%s: invalid register r%d", d->mnem, insn->dst);
	if (insn->src >= nr_regs)
		return sip_diag_set(diag, idx, "%s: invalid register r%d", d->mnem, insn->src);

	if (sip_op_slots(op) == 2) {
		const struct sip_insn *hi = insn + 1;

		if (idx + 1 >= len)
			return sip_diag_set(diag, idx, "lddw: missing its second slot at the end of the program");
		if (hi->code || hi->dst || hi->src || hi->off)
			return sip_diag_set(diag, idx + 1,
					    "lddw: second slot must hold only the high immediate (code 0x%02x dst %d src %d off %d)",
					    hi->code, hi->dst, hi->src, hi->off);
		if (d->fmt == SIP_FMT_LDDW_PSEUDO && hi->imm)
			return sip_diag_set(diag, idx + 1,
					    "lddw of private data: reserved field imm of the second slot is %d, must be 0",
					    hi->imm);
	}
	return op;
}

/* Instructions after which control never reaches the next one. */
static bool ends_flow(enum sip_op op)
{
	return op == SIP_OP_EXIT || op == SIP_OP_JA || op == SIP_OP_JA32;
}

int sip_prog_check(const struct sip_insn *insns, u32 len, struct sip_diag *diag)
{
	return sip_prog_check_flags(insns, len, 0, diag);
}

int sip_prog_check_flags(const struct sip_insn *insns, u32 len, u32 flags, struct sip_diag *diag)
{
	u32 idx, last = 0;
	int op;

	if (!len)
		return sip_diag_set(diag, SIP_DIAG_NO_INSN, "empty program");

	for (idx = 0; idx < len; idx++) {
		const struct sip_insn_desc *d;
		s64 target;

		op = sip_insn_check_flags(insns, len, idx, flags, diag);
		if (op < 0)
			return op;
		d = &sip_insn_descs[op];
		last = idx;
		if ((d->flags & SIP_F_JUMP) || d->fmt == SIP_FMT_CALL_LOCAL) {
			target = sip_jump_target(&insns[idx], idx, op);
			if (target < 0 || target >= len)
				return sip_diag_set(diag, idx, "%s: target %lld is outside the program (0..%u)",
						    d->mnem, (long long)target, len - 1);
			/*
			 * Opcode 0 is no instruction, so a slot holding it is
			 * lddw's second half (sip_insn_check() has seen to it).
			 */
			if (insns[target].code == 0)
				return sip_diag_set(diag, idx, "%s: target %lld is the middle of lddw",
						    d->mnem, (long long)target);
		}
		idx += sip_op_slots(op) - 1;
	}
	if (!ends_flow(sip_insn_op(&insns[last])))
		return sip_diag_set(diag, last, "%s: the last instruction falls through past the end",
				    sip_insn_descs[sip_insn_op(&insns[last])].mnem);
	return 0;
}
