/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The interpreter's dispatch loop, included twice by interp.c: once as the
 * fast run (INTERP_CHECKED 0) and once as the checked run (INTERP_CHECKED 1),
 * so both modes share every line of instruction semantics. A static table of
 * label addresses indexed by enum sip_op gives threaded dispatch (computed
 * goto, as the Linux interpreter does); it is built from SIP_INSNS, so a row
 * without a handler does not compile.
 */

static int INTERP_NAME(const struct sip_prog *prog, struct sip_run *run)
{
	static const void *const table[SIP_OP__COUNT] __annotate_jump_table = {
#define LABEL(name, ...) \
		[SIP_OP_##name] = &&op_##name,
		SIP_INSNS(LABEL)
#undef LABEL
	};
	const struct sip_dinsn *const base = prog->insns;
	const struct sip_dinsn *pc = base;
	struct sip_frame frames[SIP_MAX_CALL_DEPTH] sip_noinit;	/* written by each call */
	u64 regs[SIP_REG_AUX + 1];	/* r11: the rewriter's fuel, shared by all frames */
	const u64 stack_top = (u64)(unsigned long)run->stack + SIP_RUN_STACK_BYTES;
	struct sip_run *prev;
	u32 depth = 0;
	u64 executed = 0;
#if INTERP_CHECKED
	const u64 budget = run->budget ? run->budget : ~0ull;
#endif
	u64 addr;
	int ret = 0;

	regs[0] = 0;
	regs[1] = run->args[0];
	regs[2] = run->args[1];
	regs[3] = run->args[2];
	regs[4] = run->args[3];
	regs[5] = run->args[4];
	regs[6] = regs[7] = regs[8] = regs[9] = 0;
	regs[10] = stack_top;
	regs[SIP_REG_AUX] = 0;
	run->stop = false;
	run->abort_code = 0;
	run->fault.kind = SIP_FAULT_NONE;
	prev = sip_run_set_current(run);

#define DST regs[pc->dst]
#define SRC regs[pc->src]
#define IMM pc->imm
#if INTERP_CHECKED
#define DISPATCH								\
	do {									\
		if (unlikely(++executed > budget)) {				\
			fault_at(run, prog, pc, SIP_FAULT_BUDGET, 0, 0);	\
			goto fault;						\
		}								\
		if (run->step && step_hook(run, prog, pc, regs, frames, depth,	\
					   stack_top)) {			\
			fault_at(run, prog, pc, SIP_FAULT_STEP, 0, 0);		\
			goto fault;						\
		}								\
		goto *table[pc->op];						\
	} while (0)
#else
#define DISPATCH do { goto *table[pc->op]; } while (0)
#endif
#define NEXT do { pc++; DISPATCH; } while (0)
#define JUMP_IF(cond) do { if (cond) pc += pc->off; NEXT; } while (0)

#if INTERP_CHECKED
#define CHECK(write, size)							\
	do {									\
		if (!access_ok(run, addr, size, write, stack_top, depth)) {	\
			fault_mem(run, prog, pc, addr, size, write);		\
			goto fault;						\
		}								\
	} while (0)
#define CHECK_ATOMIC(size)							\
	do {									\
		CHECK(true, size);						\
		if (addr & (size - 1)) {					\
			fault_at(run, prog, pc, SIP_FAULT_ALIGN, addr, size);	\
			goto fault;						\
		}								\
	} while (0)
#else
#define CHECK(write, size) do { } while (0)
#define CHECK_ATOMIC(size) do { } while (0)
#endif
#define PTR(type) ((type *)(unsigned long)addr)
#define LOAD(type) ({ type v_; __builtin_memcpy(&v_, PTR(void), sizeof(v_)); v_; })
#define STORE(type, val) ({ type v_ = (val); __builtin_memcpy(PTR(void), &v_, sizeof(v_)); })

	DISPATCH;

	/* ALU: the K form takes the sign-extended immediate, X the register. */
op_ADD64_K:	DST += IMM; NEXT;
op_ADD64_X:	DST += SRC; NEXT;
op_SUB64_K:	DST -= IMM; NEXT;
op_SUB64_X:	DST -= SRC; NEXT;
op_MUL64_K:	DST *= IMM; NEXT;
op_MUL64_X:	DST *= SRC; NEXT;
op_OR64_K:	DST |= IMM; NEXT;
op_OR64_X:	DST |= SRC; NEXT;
op_AND64_K:	DST &= IMM; NEXT;
op_AND64_X:	DST &= SRC; NEXT;
op_XOR64_K:	DST ^= IMM; NEXT;
op_XOR64_X:	DST ^= SRC; NEXT;
op_ADD32_K:	DST = (u32)((u32)DST + (u32)IMM); NEXT;
op_ADD32_X:	DST = (u32)((u32)DST + (u32)SRC); NEXT;
op_SUB32_K:	DST = (u32)((u32)DST - (u32)IMM); NEXT;
op_SUB32_X:	DST = (u32)((u32)DST - (u32)SRC); NEXT;
op_MUL32_K:	DST = (u32)((u32)DST * (u32)IMM); NEXT;
op_MUL32_X:	DST = (u32)((u32)DST * (u32)SRC); NEXT;
op_OR32_K:	DST = (u32)((u32)DST | (u32)IMM); NEXT;
op_OR32_X:	DST = (u32)((u32)DST | (u32)SRC); NEXT;
op_AND32_K:	DST = (u32)((u32)DST & (u32)IMM); NEXT;
op_AND32_X:	DST = (u32)((u32)DST & (u32)SRC); NEXT;
op_XOR32_K:	DST = (u32)((u32)DST ^ (u32)IMM); NEXT;
op_XOR32_X:	DST = (u32)((u32)DST ^ (u32)SRC); NEXT;

	/* Shift counts are masked to the operand width, as on x86 and in Linux. */
op_LSH64_K:	DST <<= IMM & 63; NEXT;
op_LSH64_X:	DST <<= SRC & 63; NEXT;
op_RSH64_K:	DST >>= IMM & 63; NEXT;
op_RSH64_X:	DST >>= SRC & 63; NEXT;
op_ARSH64_K:	DST = (u64)((s64)DST >> (IMM & 63)); NEXT;
op_ARSH64_X:	DST = (u64)((s64)DST >> (SRC & 63)); NEXT;
op_LSH32_K:	DST = (u32)((u32)DST << (IMM & 31)); NEXT;
op_LSH32_X:	DST = (u32)((u32)DST << (SRC & 31)); NEXT;
op_RSH32_K:	DST = (u32)DST >> (IMM & 31); NEXT;
op_RSH32_X:	DST = (u32)DST >> (SRC & 31); NEXT;
op_ARSH32_K:	DST = (u32)((s32)DST >> (IMM & 31)); NEXT;
op_ARSH32_X:	DST = (u32)((s32)DST >> (SRC & 31)); NEXT;

op_NEG64:	DST = -DST; NEXT;
op_NEG32:	DST = (u32)-(u32)DST; NEXT;
op_MOV64_K:	DST = IMM; NEXT;
op_MOV64_X:	DST = SRC; NEXT;
op_MOV32_K:	DST = (u32)IMM; NEXT;
op_MOV32_X:	DST = (u32)SRC; NEXT;
op_MOVSX8_64:	DST = (u64)(s64)(s8)SRC; NEXT;
op_MOVSX16_64:	DST = (u64)(s64)(s16)SRC; NEXT;
op_MOVSX32_64:	DST = (u64)(s64)(s32)SRC; NEXT;
op_MOVSX8_32:	DST = (u32)(s32)(s8)SRC; NEXT;
op_MOVSX16_32:	DST = (u32)(s32)(s16)SRC; NEXT;

	/*
	 * Division and modulo by zero do not trap: x / 0 = 0 and x % 0 = x
	 * (32-bit forms zero-extend). Signed INT_MIN / -1 wraps to INT_MIN and
	 * INT_MIN % -1 is 0, as the kernel rewrites them.
	 */
op_DIV64_K:	DST = IMM ? sip_div64_u64(DST, IMM) : 0; NEXT;
op_DIV64_X:	DST = SRC ? sip_div64_u64(DST, SRC) : 0; NEXT;
op_MOD64_K:	DST = IMM ? sip_mod64_u64(DST, IMM) : DST; NEXT;
op_MOD64_X:	DST = SRC ? sip_mod64_u64(DST, SRC) : DST; NEXT;
op_DIV32_K:	DST = (u32)IMM ? (u32)DST / (u32)IMM : 0; NEXT;
op_DIV32_X:	DST = (u32)SRC ? (u32)DST / (u32)SRC : 0; NEXT;
op_MOD32_K:	DST = (u32)IMM ? (u32)DST % (u32)IMM : (u32)DST; NEXT;
op_MOD32_X:	DST = (u32)SRC ? (u32)DST % (u32)SRC : (u32)DST; NEXT;
op_SDIV64_K:	DST = sdiv64(DST, IMM); NEXT;
op_SDIV64_X:	DST = sdiv64(DST, SRC); NEXT;
op_SMOD64_K:	DST = smod64(DST, IMM); NEXT;
op_SMOD64_X:	DST = smod64(DST, SRC); NEXT;
op_SDIV32_K:	DST = sdiv32(DST, IMM); NEXT;
op_SDIV32_X:	DST = sdiv32(DST, SRC); NEXT;
op_SMOD32_K:	DST = smod32(DST, IMM); NEXT;
op_SMOD32_X:	DST = smod32(DST, SRC); NEXT;

	/* Byte order: le/be convert to that order and truncate; bswap always swaps. */
op_LE16:	DST = (u16)sip_cpu_to_le16(DST); NEXT;
op_LE32:	DST = (u32)sip_cpu_to_le32(DST); NEXT;
op_LE64:	DST = sip_cpu_to_le64(DST); NEXT;
op_BE16:	DST = (u16)sip_cpu_to_be16(DST); NEXT;
op_BE32:	DST = (u32)sip_cpu_to_be32(DST); NEXT;
op_BE64:	DST = sip_cpu_to_be64(DST); NEXT;
op_BSWAP16:	DST = __builtin_bswap16((u16)DST); NEXT;
op_BSWAP32:	DST = __builtin_bswap32((u32)DST); NEXT;
op_BSWAP64:	DST = __builtin_bswap64(DST); NEXT;

op_LDDW:
op_LDDW_DATA:		/* never decoded: sip_prog_load refuses them */
op_LDDW_RODATA:	DST = IMM; pc++; NEXT;

	/* Loads zero-extend (ldxs* sign-extend); unaligned access is allowed. */
op_LDXB:	addr = SRC + pc->off; CHECK(false, 1);
		DST = (u64)LOAD(u8); NEXT;
op_LDXH:	addr = SRC + pc->off; CHECK(false, 2);
		DST = (u64)LOAD(u16); NEXT;
op_LDXW:	addr = SRC + pc->off; CHECK(false, 4);
		DST = (u64)LOAD(u32); NEXT;
op_LDXDW:	addr = SRC + pc->off; CHECK(false, 8);
		DST = LOAD(u64); NEXT;
op_LDXSB:	addr = SRC + pc->off; CHECK(false, 1);
		DST = (u64)(s64)LOAD(s8); NEXT;
op_LDXSH:	addr = SRC + pc->off; CHECK(false, 2);
		DST = (u64)(s64)LOAD(s16); NEXT;
op_LDXSW:	addr = SRC + pc->off; CHECK(false, 4);
		DST = (u64)(s64)LOAD(s32); NEXT;
op_STB:		addr = DST + pc->off; CHECK(true, 1);
		STORE(u8, (u8)IMM); NEXT;
op_STH:		addr = DST + pc->off; CHECK(true, 2);
		STORE(u16, (u16)IMM); NEXT;
op_STW:		addr = DST + pc->off; CHECK(true, 4);
		STORE(u32, (u32)IMM); NEXT;
op_STDW:	addr = DST + pc->off; CHECK(true, 8);
		STORE(u64, (u64)IMM); NEXT;
op_STXB:	addr = DST + pc->off; CHECK(true, 1);
		STORE(u8, (u8)SRC); NEXT;
op_STXH:	addr = DST + pc->off; CHECK(true, 2);
		STORE(u16, (u16)SRC); NEXT;
op_STXW:	addr = DST + pc->off; CHECK(true, 4);
		STORE(u32, (u32)SRC); NEXT;
op_STXDW:	addr = DST + pc->off; CHECK(true, 8);
		STORE(u64, SRC); NEXT;

	/* Atomics: the fetch forms return the old value in src (zero-extended). */
op_AADD32:	addr = DST + pc->off; CHECK_ATOMIC(4);
		sip_atomic_fetch_add32(PTR(u32), (u32)SRC); NEXT;
op_AFADD32:	addr = DST + pc->off; CHECK_ATOMIC(4);
		SRC = (u32)sip_atomic_fetch_add32(PTR(u32), (u32)SRC); NEXT;
op_AADD64:	addr = DST + pc->off; CHECK_ATOMIC(8);
		sip_atomic_fetch_add64(PTR(u64), SRC); NEXT;
op_AFADD64:	addr = DST + pc->off; CHECK_ATOMIC(8);
		SRC = sip_atomic_fetch_add64(PTR(u64), SRC); NEXT;
op_AOR32:	addr = DST + pc->off; CHECK_ATOMIC(4);
		sip_atomic_fetch_or32(PTR(u32), (u32)SRC); NEXT;
op_AFOR32:	addr = DST + pc->off; CHECK_ATOMIC(4);
		SRC = (u32)sip_atomic_fetch_or32(PTR(u32), (u32)SRC); NEXT;
op_AOR64:	addr = DST + pc->off; CHECK_ATOMIC(8);
		sip_atomic_fetch_or64(PTR(u64), SRC); NEXT;
op_AFOR64:	addr = DST + pc->off; CHECK_ATOMIC(8);
		SRC = sip_atomic_fetch_or64(PTR(u64), SRC); NEXT;
op_AAND32:	addr = DST + pc->off; CHECK_ATOMIC(4);
		sip_atomic_fetch_and32(PTR(u32), (u32)SRC); NEXT;
op_AFAND32:	addr = DST + pc->off; CHECK_ATOMIC(4);
		SRC = (u32)sip_atomic_fetch_and32(PTR(u32), (u32)SRC); NEXT;
op_AAND64:	addr = DST + pc->off; CHECK_ATOMIC(8);
		sip_atomic_fetch_and64(PTR(u64), SRC); NEXT;
op_AFAND64:	addr = DST + pc->off; CHECK_ATOMIC(8);
		SRC = sip_atomic_fetch_and64(PTR(u64), SRC); NEXT;
op_AXOR32:	addr = DST + pc->off; CHECK_ATOMIC(4);
		sip_atomic_fetch_xor32(PTR(u32), (u32)SRC); NEXT;
op_AFXOR32:	addr = DST + pc->off; CHECK_ATOMIC(4);
		SRC = (u32)sip_atomic_fetch_xor32(PTR(u32), (u32)SRC); NEXT;
op_AXOR64:	addr = DST + pc->off; CHECK_ATOMIC(8);
		sip_atomic_fetch_xor64(PTR(u64), SRC); NEXT;
op_AFXOR64:	addr = DST + pc->off; CHECK_ATOMIC(8);
		SRC = sip_atomic_fetch_xor64(PTR(u64), SRC); NEXT;
op_AXCHG32:	addr = DST + pc->off; CHECK_ATOMIC(4);
		SRC = sip_atomic_xchg32(PTR(u32), (u32)SRC); NEXT;
op_AXCHG64:	addr = DST + pc->off; CHECK_ATOMIC(8);
		SRC = sip_atomic_xchg64(PTR(u64), SRC); NEXT;
op_ACMPXCHG32:	addr = DST + pc->off; CHECK_ATOMIC(4);
		regs[0] = sip_atomic_cmpxchg32(PTR(u32), (u32)regs[0], (u32)SRC); NEXT;
op_ACMPXCHG64:	addr = DST + pc->off; CHECK_ATOMIC(8);
		regs[0] = sip_atomic_cmpxchg64(PTR(u64), regs[0], SRC); NEXT;

	/* Jumps: off is the displacement from the next instruction. */
op_JA:
op_JA32:	pc += pc->off; NEXT;
op_JEQ_K:	JUMP_IF(DST == (u64)IMM);
op_JEQ_X:	JUMP_IF(DST == SRC);
op_JEQ32_K:	JUMP_IF((u32)DST == (u32)IMM);
op_JEQ32_X:	JUMP_IF((u32)DST == (u32)SRC);
op_JNE_K:	JUMP_IF(DST != (u64)IMM);
op_JNE_X:	JUMP_IF(DST != SRC);
op_JNE32_K:	JUMP_IF((u32)DST != (u32)IMM);
op_JNE32_X:	JUMP_IF((u32)DST != (u32)SRC);
op_JGT_K:	JUMP_IF(DST > (u64)IMM);
op_JGT_X:	JUMP_IF(DST > SRC);
op_JGT32_K:	JUMP_IF((u32)DST > (u32)IMM);
op_JGT32_X:	JUMP_IF((u32)DST > (u32)SRC);
op_JGE_K:	JUMP_IF(DST >= (u64)IMM);
op_JGE_X:	JUMP_IF(DST >= SRC);
op_JGE32_K:	JUMP_IF((u32)DST >= (u32)IMM);
op_JGE32_X:	JUMP_IF((u32)DST >= (u32)SRC);
op_JLT_K:	JUMP_IF(DST < (u64)IMM);
op_JLT_X:	JUMP_IF(DST < SRC);
op_JLT32_K:	JUMP_IF((u32)DST < (u32)IMM);
op_JLT32_X:	JUMP_IF((u32)DST < (u32)SRC);
op_JLE_K:	JUMP_IF(DST <= (u64)IMM);
op_JLE_X:	JUMP_IF(DST <= SRC);
op_JLE32_K:	JUMP_IF((u32)DST <= (u32)IMM);
op_JLE32_X:	JUMP_IF((u32)DST <= (u32)SRC);
op_JSGT_K:	JUMP_IF((s64)DST > (s64)IMM);
op_JSGT_X:	JUMP_IF((s64)DST > (s64)SRC);
op_JSGT32_K:	JUMP_IF((s32)DST > (s32)IMM);
op_JSGT32_X:	JUMP_IF((s32)DST > (s32)SRC);
op_JSGE_K:	JUMP_IF((s64)DST >= (s64)IMM);
op_JSGE_X:	JUMP_IF((s64)DST >= (s64)SRC);
op_JSGE32_K:	JUMP_IF((s32)DST >= (s32)IMM);
op_JSGE32_X:	JUMP_IF((s32)DST >= (s32)SRC);
op_JSLT_K:	JUMP_IF((s64)DST < (s64)IMM);
op_JSLT_X:	JUMP_IF((s64)DST < (s64)SRC);
op_JSLT32_K:	JUMP_IF((s32)DST < (s32)IMM);
op_JSLT32_X:	JUMP_IF((s32)DST < (s32)SRC);
op_JSLE_K:	JUMP_IF((s64)DST <= (s64)IMM);
op_JSLE_X:	JUMP_IF((s64)DST <= (s64)SRC);
op_JSLE32_K:	JUMP_IF((s32)DST <= (s32)IMM);
op_JSLE32_X:	JUMP_IF((s32)DST <= (s32)SRC);
op_JSET_K:	JUMP_IF(DST & IMM);
op_JSET_X:	JUMP_IF(DST & SRC);
op_JSET32_K:	JUMP_IF((u32)DST & (u32)IMM);
op_JSET32_X:	JUMP_IF((u32)DST & (u32)SRC);

op_CALLX:
	addr = DST;	/* the helper number, checked now rather than at load */
	if (addr >= prog->helpers.count || !prog->helpers.fns[addr]) {
		fault_at(run, prog, pc, SIP_FAULT_HELPER, addr, 0);
		goto fault;
	}
	goto call_helper;
op_CALL:
	addr = IMM;	/* checked at load */
call_helper:
	regs[0] = prog->helpers.fns[addr](regs[1], regs[2], regs[3], regs[4], regs[5]);
	if (unlikely(run->stop)) {
		if (run->abort_code) {
#if INTERP_CHECKED
			if (run->run_on) {	/* as native code would: noted, and on */
				if (!run->fault.kind) {
					fault_at(run, prog, pc, SIP_FAULT_ABORT, addr, 0);
					run->fault.code = run->abort_code;
				}
				run->stop = false;
				run->abort_code = 0;
				NEXT;
			}
#endif
			fault_at(run, prog, pc, SIP_FAULT_ABORT, addr, 0);
			run->fault.code = run->abort_code;
			goto fault;
		}
		goto out;
	}
	NEXT;

	/* Local calls: a fresh stack frame; r6-r9 and r10 come back on exit. */
op_CALL_LOCAL:
	if (depth + 1 >= SIP_MAX_CALL_DEPTH) {
		fault_at(run, prog, pc, SIP_FAULT_CALL_DEPTH, 0, 0);
		goto fault;
	}
	frames[depth].saved[0] = regs[6];
	frames[depth].saved[1] = regs[7];
	frames[depth].saved[2] = regs[8];
	frames[depth].saved[3] = regs[9];
	frames[depth].saved[4] = regs[10];
	frames[depth].ret = pc + 1;
	depth++;
	regs[10] = stack_top - (u64)depth * SIP_STACK_SIZE;
	pc = base + IMM;
	DISPATCH;

op_EXIT:
	if (depth == 0)
		goto out;
	depth--;
	regs[6] = frames[depth].saved[0];
	regs[7] = frames[depth].saved[1];
	regs[8] = frames[depth].saved[2];
	regs[9] = frames[depth].saved[3];
	regs[10] = frames[depth].saved[4];
	pc = frames[depth].ret;
	DISPATCH;

fault:
	ret = -EFAULT;
out:
	run->r0 = regs[0];
	run->executed = executed;
	sip_run_set_current(prev);
	return ret;

#undef DST
#undef SRC
#undef IMM
#undef NEXT
#undef DISPATCH
#undef JUMP_IF
#undef CHECK
#undef CHECK_ATOMIC
#undef PTR
#undef LOAD
#undef STORE
}
