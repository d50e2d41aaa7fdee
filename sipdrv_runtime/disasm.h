/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The text form of instructions (the uBPF syntax of the bpf_conformance .data
 * files): which operands each format writes, shared with the assembler, and
 * the one-instruction disassembler. Portable: usable in the kernel.
 */
#ifndef _SIPDRV_DISASM_H
#define _SIPDRV_DISASM_H

#include <sipdrv/isa.h>
#include "insn.h"

/* One operand of an instruction's text and the fields it stands for. */
enum sip_opnd {
	SIP_OPND_DST,		/* %rN: dst */
	SIP_OPND_SRC,		/* %rN: src */
	SIP_OPND_IMM,		/* 32-bit immediate: imm */
	SIP_OPND_IMM64,		/* lddw's 64-bit immediate: imm of both slots */
	SIP_OPND_MEM_DST,	/* [%rN], [%rN+off], [%rN-off]: dst and off */
	SIP_OPND_MEM_SRC,	/* the same, for src and off */
	SIP_OPND_JUMP_OFF,	/* +N, -N (or a label): off, relative to the next insn */
	SIP_OPND_JUMP_IMM,	/* the same, in imm (ja32) */
	SIP_OPND_LOCAL,		/* local +N (or local LABEL): imm (call local) */
	SIP_OPND_PSEUDO,	/* data+N, rodata+N: src (enum sip_pseudo) and imm */
};

#define SIP_MAX_OPNDS 3

struct sip_fmt_syntax {
	u8 count;
	u8 opnds[SIP_MAX_OPNDS];	/* enum sip_opnd, in text order */
};

/* Indexed by enum sip_fmt: "mnemonic op1, op2, op3". */
extern const struct sip_fmt_syntax sip_fmt_syntax[SIP_FMT__COUNT];

/* The names of private-data pseudo sources ("data", "rodata"), or NULL. */
const char *sip_pseudo_name(u8 src);

/* Longest text of one instruction, with its NUL ("lock fetch xor32 [%r10-32768], %r10"). */
#define SIP_DISASM_MAX 64

/*
 * Writes instruction @idx of @insns[0..len) into @buf (NUL-terminated), for
 * example "ldxw %r0, [%r1+4]" or "jeq %r1, 5, +3". Jump and local call
 * targets are relative (+N/-N from the next instruction). Returns the slots
 * it used (2 for lddw, else 1), -EINVAL when the instruction is invalid
 * (sip_insn_check) or -ENOSPC when @size is too small for the text.
 */
int sip_disasm_insn(const struct sip_insn *insns, u32 len, u32 idx, char *buf, u32 size);

#endif /* _SIPDRV_DISASM_H */
