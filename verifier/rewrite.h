/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The load-time rewriter, run on a handler the verifier accepted.
 *
 * Stage 1 (sip_rewrite) makes every loop stop: r11, which drivers cannot
 * name, counts the fuel (in programs with a backward jump: without one,
 * every run ends by itself, and r11 is left alone). Fuel is counted in
 * instructions. The entry sets r11 to the run's budget; every backward
 * jump first subtracts its weight, the instructions that can run before
 * the next backward jump or the function's return: all of them from its
 * target to the function's end, a local call counting its callee's whole
 * code (and its callees'), as a path that only moves forward runs each at
 * most once. So a run executes at most its handler's code once plus its
 * budget. When r11 goes negative the function calls the internal trap
 * helper (the SIP faults and is recovered) and returns 0 with r11 still
 * negative; after a local call returns so, the caller returns too, and
 * the whole handler unwinds. Every cycle in a program runs through a
 * backward jump, so no path escapes the count.
 * With SIP_RW_SAVE_AUX (engines where r11 is a scratch register that calls
 * and the fetching atomics and/or/xor clobber, like the x86 kernel JIT),
 * r11 is kept across those instructions in a hidden stack slot 8 bytes
 * below what each function uses of its frame. With SIP_RW_LOWER_V4 (the
 * 6.1 JIT knows no cpu v4 instructions), sign extensions, byte swaps and
 * long jumps become v3 sequences (sdiv and smod are refused). With
 * SIP_RW_HALT_CHECK (engines that cannot stop a run from inside a helper,
 * like native code), every call that may stop the SIP is followed by a test
 * of the instance's halt word, and the function returns 0 at once when it
 * is set; its callers do the same, so once a helper has stopped the SIP no
 * more of the driver's code runs.
 * The output verifies again with SIP_VF_REWRITTEN, as a raw program: in a
 * message handler the exits the rewriter adds (fuel spent, halted) leave
 * the blocks the handler owns where they are, which the verifier would call
 * a leak; the SIP has faulted by then, and its blocks are reclaimed with it.
 *
 * Stage 2 (sip_relocate) binds the program to one instance and engine:
 * private-data lddw get the instance's addresses, helper calls the
 * engine's encoding.
 */
#ifndef _SIPDRV_REWRITE_H
#define _SIPDRV_REWRITE_H

#include <sipdrv/isa.h>
#include "insn.h"

enum sip_rewrite_flags {
	SIP_RW_SAVE_AUX = 1 << 0,
	SIP_RW_LOWER_V4 = 1 << 1,
	/*
	 * What Linux's verifier patches in for its JIT: native division traps
	 * on a zero divisor, where eBPF defines x / 0 = 0 and x % 0 = x, so
	 * every division and modulo is guarded; and x86's 32-bit cmpxchg
	 * leaves r0's upper half when it succeeds, so r0 is zero-extended.
	 */
	SIP_RW_JIT_FIXUPS = 1 << 2,
	SIP_RW_HALT_CHECK = 1 << 3,
};

/*
 * The halt word: a u32 the runtime sets when a helper stops the SIP, kept
 * right after the SIP's read-only data (at this offset from its start), in
 * the SIP_RUNTIME_RODATA bytes the runtime allocates beyond them. The
 * driver never reaches it (its reads stop at its own rodata size); the
 * rewritten code reads it through a SIP_PSEUDO_RODATA lddw.
 */
#define SIP_RUNTIME_RODATA	8
static inline u32 sip_halt_word_off(u32 rodata_size)
{
	return (rodata_size + 7) & ~7u;
}

struct sip_rewrite_opts {
	u64 fuel;		/* instructions a run may take (see above); 0 is refused */
	u32 flags;		/* enum sip_rewrite_flags */
	u32 rodata_size;	/* SIP_RW_HALT_CHECK: where the halt word is */
	/*
	 * Stack bytes each function uses (the verifier's stack_depth, in
	 * order of the functions' first instructions); the hidden slot goes
	 * below. NULL: below the whole 512-byte frame.
	 */
	const u32 *func_stack;
	u32 nr_funcs;
};

/* Where a function with @stack bytes of stack keeps r11 (r10-relative). */
static inline s16 sip_hidden_slot(u32 stack)
{
	return (s16)-(s32)(((stack + 7) & ~7u) + SIP_STACK_FRAME_EXTRA);
}

/*
 * Rewrites @in[0..len) (verified) into a new array *@out (sip_zalloc'ed;
 * sip_free it) of *@out_len instructions. Returns 0, or -EINVAL (with @diag)
 * when a rewritten jump no longer fits its offset field, -ENOMEM.
 */
int sip_rewrite(const struct sip_insn *in, u32 len, const struct sip_rewrite_opts *opts,
		struct sip_insn **out, u32 *out_len, struct sip_diag *diag);

/* How the engine encodes a call of helper @nr (its imm); <0 refuses it. */
typedef s64 (*sip_helper_encode_fn)(void *cookie, u32 nr);

/*
 * Stage 2, in place: SIP_PSEUDO_DATA/RODATA lddw become plain lddw of
 * @data + off / @rodata + off, and helper calls take @encode's imm (NULL:
 * keep the helper numbers, as the interpreter wants). Returns 0 or -EINVAL.
 */
int sip_relocate(struct sip_insn *insns, u32 len, u64 data, u64 rodata,
		 sip_helper_encode_fn encode, void *cookie, struct sip_diag *diag);

#endif /* _SIPDRV_REWRITE_H */
