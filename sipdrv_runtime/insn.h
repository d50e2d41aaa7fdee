/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Decoding and structural checks of eBPF programs, shared by the interpreter,
 * the verifier, the assembler and the disassembler.
 */
#ifndef _SIPDRV_INSN_H
#define _SIPDRV_INSN_H

#include <sipdrv/isa.h>
#include "platform.h"

/* Why something was refused: the instruction (SIP_DIAG_NO_INSN if none) and a sentence. */
#define SIP_DIAG_NO_INSN 0xffffffffu
struct sip_diag {
	u32 insn;
	char msg[384];
};

/* Fills @diag (may be NULL) and returns -EINVAL, for one-line refusals. */
int sip_diag_set(struct sip_diag *diag, u32 insn, const char *fmt, ...) __printf(3, 4);

/*
 * The row of SIP_INSNS that @insn is (its opcode and variant field), or -1.
 * Does not look at the fields that must be zero: sip_insn_check() does.
 */
int sip_insn_op(const struct sip_insn *insn);

enum sip_check_flags {
	SIP_CHECK_AUX_REG = 1 << 0,	/* r11 is allowed (the rewriter's output) */
};

/*
 * Checks one instruction of @insns[0..len) at @idx: a known opcode, registers
 * in range, reserved fields zero, lddw's second slot. Returns its op, or
 * -EINVAL with @diag filled.
 */
int sip_insn_check(const struct sip_insn *insns, u32 len, u32 idx, struct sip_diag *diag);
int sip_insn_check_flags(const struct sip_insn *insns, u32 len, u32 idx, u32 flags,
			 struct sip_diag *diag);

/*
 * The whole program's structure: every instruction valid (sip_insn_check),
 * every jump and local call inside the program and not into the middle of
 * lddw, and no way to run past the last instruction. Returns 0 or -EINVAL.
 */
int sip_prog_check(const struct sip_insn *insns, u32 len, struct sip_diag *diag);
int sip_prog_check_flags(const struct sip_insn *insns, u32 len, u32 flags, struct sip_diag *diag);

/* Slots an instruction of this row takes: 2 for the lddw forms, else 1. */
static inline u32 sip_op_slots(enum sip_op op)
{
	u8 fmt = sip_insn_descs[op].fmt;

	return fmt == SIP_FMT_LDDW || fmt == SIP_FMT_LDDW_PSEUDO ? 2 : 1;
}

/*
 * Encodes one instruction of row @op at @insn (zeroing all its slots): the
 * row's opcode, the operands given, and the row's variant field, which
 * overrides the operand it lives in.
 */
void sip_insn_make(struct sip_insn *insn, enum sip_op op, u8 dst, u8 src, s16 off, s32 imm);

/* The 64-bit immediate of the lddw at @insn (two slots). */
static inline u64 sip_lddw_imm(const struct sip_insn *insn)
{
	return (u64)(u32)insn[0].imm | ((u64)(u32)insn[1].imm << 32);
}

/* Where a jump at @idx lands (SIP_F_JUMP and SIP_FMT_CALL_LOCAL rows). */
static inline s64 sip_jump_target(const struct sip_insn *insn, u32 idx, enum sip_op op)
{
	const struct sip_insn_desc *d = &sip_insn_descs[op];

	if (d->fmt == SIP_FMT_JA32 || d->fmt == SIP_FMT_CALL_LOCAL)
		return (s64)idx + 1 + insn->imm;
	return (s64)idx + 1 + insn->off;
}

#endif /* _SIPDRV_INSN_H */
