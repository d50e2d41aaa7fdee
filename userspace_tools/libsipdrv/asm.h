/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The assembler (user space): uBPF-style text, as in the bpf_conformance
 * .data files, to eBPF instructions. Every instruction is found in SIP_INSNS
 * by its mnemonic and the shape of its operands (sip_fmt_syntax), and encoded
 * from that row; nothing is accepted that cannot be encoded exactly.
 *
 * Syntax, one instruction per line:
 *	# comment to the end of the line
 *	label:				(alone, or before an instruction)
 *	add32 %r0, 5			registers %r0..%r10
 *	mov %r1, -1			immediates: decimal (must fit s32) or hex
 *	mov32 %r1, 0xffffffff		(up to 0xffffffff, kept as the same 32 bits)
 *	lddw %r0, 0x1122334455667788	any 64-bit value
 *	ldxw %r0, [%r1+4]		memory: [%rN], [%rN+off], [%rN-off] (off fits s16)
 *	stxdw [%r10-8], %r1
 *	jeq %r1, 5, label		targets: a label, or +N/-N from the next insn
 *	ja32 -4
 *	call 5				helper; "call local LABEL" (or +N); "call %r2" (callx)
 *	lock fetch add [%r10-8], %r1	atomics; also lock xchg, lock cmpxchg, ...32
 *	exit
 * Aliases of SIP_MNEM_ALIASES are accepted (swap16 for bswap16). As in the
 * upstream assembler, a jump to "exit" with no label of that name goes to
 * the first exit instruction.
 */
#ifndef _SIPDRV_ASM_H
#define _SIPDRV_ASM_H

#include <stddef.h>
#include <sipdrv/isa.h>

/* Why text was refused: where, what and why ("invalid register '%r50'"). */
struct sip_asm_error {
	unsigned int line;	/* 1-based line of the text; 0: not tied to a line */
	char token[64];		/* the offending token as written (may be empty) */
	char msg[192];		/* the whole sentence, without the line */
};

/*
 * Assembles @text. Returns 0 with *@insns (free() it; NULL when the text holds
 * no instruction) and *@len, or a negative errno: -EINVAL with @err filled
 * (@err may be NULL) for a refused text, -ENOMEM.
 */
int sip_asm(const char *text, struct sip_insn **insns, u32 *len, struct sip_asm_error *err);

/* "line 3: invalid register '%r50'" into @buf; returns what snprintf returns. */
int sip_asm_error_format(const struct sip_asm_error *err, char *buf, size_t size);

/*
 * The text of a whole program, one instruction a line (sip_disasm_insn),
 * which sip_asm() turns back into the same bytes. Returns 0 with *@text
 * (free() it), -EINVAL (an invalid instruction) or -ENOMEM.
 */
int sip_asm_disasm_prog(const struct sip_insn *insns, u32 len, char **text);

#endif /* _SIPDRV_ASM_H */
