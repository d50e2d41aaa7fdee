// SPDX-License-Identifier: GPL-2.0
/* The disassembler: one instruction to uBPF-style text, driven by SIP_INSNS. */
#include "platform.h"
#include "disasm.h"

const struct sip_fmt_syntax sip_fmt_syntax[SIP_FMT__COUNT] = {
	[SIP_FMT_ALU_K] = { 2, { SIP_OPND_DST, SIP_OPND_IMM } },
	[SIP_FMT_ALU_X] = { 2, { SIP_OPND_DST, SIP_OPND_SRC } },
	[SIP_FMT_ALU_UN] = { 1, { SIP_OPND_DST } },
	[SIP_FMT_LDDW] = { 2, { SIP_OPND_DST, SIP_OPND_IMM64 } },
	[SIP_FMT_LDDW_PSEUDO] = { 2, { SIP_OPND_DST, SIP_OPND_PSEUDO } },
	[SIP_FMT_LDX] = { 2, { SIP_OPND_DST, SIP_OPND_MEM_SRC } },
	[SIP_FMT_ST] = { 2, { SIP_OPND_MEM_DST, SIP_OPND_IMM } },
	[SIP_FMT_STX] = { 2, { SIP_OPND_MEM_DST, SIP_OPND_SRC } },
	[SIP_FMT_ATOMIC] = { 2, { SIP_OPND_MEM_DST, SIP_OPND_SRC } },
	[SIP_FMT_JA] = { 1, { SIP_OPND_JUMP_OFF } },
	[SIP_FMT_JA32] = { 1, { SIP_OPND_JUMP_IMM } },
	[SIP_FMT_JMP_K] = { 3, { SIP_OPND_DST, SIP_OPND_IMM, SIP_OPND_JUMP_OFF } },
	[SIP_FMT_JMP_X] = { 3, { SIP_OPND_DST, SIP_OPND_SRC, SIP_OPND_JUMP_OFF } },
	[SIP_FMT_CALL] = { 1, { SIP_OPND_IMM } },
	[SIP_FMT_CALL_LOCAL] = { 1, { SIP_OPND_LOCAL } },
	[SIP_FMT_CALLX] = { 1, { SIP_OPND_DST } },
	[SIP_FMT_EXIT] = { 0, { 0 } },
};

const char *sip_pseudo_name(u8 src)
{
	switch (src) {
	case SIP_PSEUDO_DATA:
		return "data";
	case SIP_PSEUDO_RODATA:
		return "rodata";
	default:
		return NULL;
	}
}

static int mem_opnd(char *buf, u32 size, unsigned int reg, s16 off)
{
	if (!off)
		return sip_snprintf(buf, size, "[%%r%u]", reg);
	return sip_snprintf(buf, size, "[%%r%u%+d]", reg, off);
}

/* One operand of @insn (the first slot; lddw reads the second too). */
static int opnd_text(const struct sip_insn *insn, enum sip_opnd opnd, char *buf, u32 size)
{
	switch (opnd) {
	case SIP_OPND_DST:
		return sip_snprintf(buf, size, "%%r%u", insn->dst);
	case SIP_OPND_SRC:
		return sip_snprintf(buf, size, "%%r%u", insn->src);
	case SIP_OPND_IMM:
		return sip_snprintf(buf, size, "%d", insn->imm);
	case SIP_OPND_IMM64:
		return sip_snprintf(buf, size, "0x%llx", sip_lddw_imm(insn));
	case SIP_OPND_MEM_DST:
		return mem_opnd(buf, size, insn->dst, insn->off);
	case SIP_OPND_MEM_SRC:
		return mem_opnd(buf, size, insn->src, insn->off);
	case SIP_OPND_JUMP_OFF:
		return sip_snprintf(buf, size, "%+d", insn->off);
	case SIP_OPND_JUMP_IMM:
		return sip_snprintf(buf, size, "%+d", insn->imm);
	case SIP_OPND_LOCAL:
		return sip_snprintf(buf, size, "local %+d", insn->imm);
	case SIP_OPND_PSEUDO:
		return sip_snprintf(buf, size, "%s+%u", sip_pseudo_name(insn->src), (u32)insn->imm);
	}
	return -EINVAL;
}

int sip_disasm_insn(const struct sip_insn *insns, u32 len, u32 idx, char *buf, u32 size)
{
	const struct sip_fmt_syntax *syn;
	const struct sip_insn_desc *d;
	char text[SIP_DISASM_MAX];
	u32 pos, i;
	int op, n;

	if (idx >= len)
		return -EINVAL;
	op = sip_insn_check(insns, len, idx, NULL);
	if (op < 0)
		return -EINVAL;
	d = &sip_insn_descs[op];
	syn = &sip_fmt_syntax[d->fmt];

	pos = sip_snprintf(text, sizeof(text), "%s", d->mnem);
	for (i = 0; i < syn->count && pos < sizeof(text); i++) {
		pos += sip_snprintf(text + pos, sizeof(text) - pos, "%s", i ? ", " : " ");
		if (pos >= sizeof(text))
			break;
		n = opnd_text(&insns[idx], syn->opnds[i], text + pos, sizeof(text) - pos);
		if (n < 0)
			return n;
		pos += n;
	}
	if (pos >= sizeof(text))
		return -ENOSPC;	/* cannot happen: SIP_DISASM_MAX fits every row */
	n = sip_snprintf(buf, size, "%s", text);
	if (n < 0 || (u32)n >= size)
		return -ENOSPC;
	return (int)sip_op_slots(op);
}
