/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The eBPF instruction set (RFC 9669) as sipdrv knows it: the one definition
 * of every opcode. The interpreter, the verifier, the assembler, the
 * disassembler and the tests all use SIP_INSNS below; no opcode number is
 * written anywhere else.
 *
 * An instruction is 8 bytes, little-endian: opcode, dst (low nibble) and src
 * (high nibble) registers, a signed 16-bit offset and a signed 32-bit
 * immediate. lddw takes two slots; the second carries the high 32 bits of the
 * immediate and must be zero otherwise.
 */
#ifndef _SIPDRV_ISA_H
#define _SIPDRV_ISA_H

#include <sipdrv/types.h>

struct sip_insn {
	u8 code;
	u8 dst:4;	/* low nibble: little-endian bitfield order */
	u8 src:4;
	s16 off;
	s32 imm;
};

/* Instruction classes: code & 0x07. */
enum sip_class {
	SIP_LD = 0x00,
	SIP_LDX = 0x01,
	SIP_ST = 0x02,
	SIP_STX = 0x03,
	SIP_ALU = 0x04,		/* 32-bit arithmetic */
	SIP_JMP = 0x05,		/* 64-bit compares, call, exit */
	SIP_JMP32 = 0x06,	/* 32-bit compares */
	SIP_ALU64 = 0x07,
};

/* Operand source: code & 0x08 (ALU and JMP classes). */
enum sip_source {
	SIP_K = 0x00,		/* the immediate */
	SIP_X = 0x08,		/* the src register */
	SIP_TO_LE = SIP_K,	/* byte swap (ALU END): to little endian */
	SIP_TO_BE = SIP_X,	/* to big endian */
};

/* Arithmetic operations: code & 0xf0 (ALU and ALU64 classes). */
enum sip_alu_op {
	SIP_ADD = 0x00,
	SIP_SUB = 0x10,
	SIP_MUL = 0x20,
	SIP_DIV = 0x30,
	SIP_OR = 0x40,
	SIP_AND = 0x50,
	SIP_LSH = 0x60,
	SIP_RSH = 0x70,
	SIP_NEG = 0x80,
	SIP_MOD = 0x90,
	SIP_XOR = 0xa0,
	SIP_MOV = 0xb0,
	SIP_ARSH = 0xc0,
	SIP_END = 0xd0,
};

/* Jump operations: code & 0xf0 (JMP and JMP32 classes). */
enum sip_jmp_op {
	SIP_JA = 0x00,
	SIP_JEQ = 0x10,
	SIP_JGT = 0x20,
	SIP_JGE = 0x30,
	SIP_JSET = 0x40,
	SIP_JNE = 0x50,
	SIP_JSGT = 0x60,
	SIP_JSGE = 0x70,
	SIP_CALL = 0x80,
	SIP_EXIT = 0x90,
	SIP_JLT = 0xa0,
	SIP_JLE = 0xb0,
	SIP_JSLT = 0xc0,
	SIP_JSLE = 0xd0,
};

/* Memory access size: code & 0x18 (load and store classes). */
enum sip_size {
	SIP_W = 0x00,
	SIP_H = 0x08,
	SIP_B = 0x10,
	SIP_DW = 0x18,
};

/* Memory access mode: code & 0xe0 (load and store classes). */
enum sip_mode {
	SIP_IMM = 0x00,		/* lddw */
	SIP_MEM = 0x60,
	SIP_MEMSX = 0x80,	/* sign-extending loads (v4) */
	SIP_ATOMIC = 0xc0,
};

/* Atomic operations: the imm of SIP_STX | SIP_ATOMIC. */
enum sip_atomic_op {
	SIP_FETCH = 0x01,	/* flag: the old value goes to src */
	SIP_XCHG = 0xe0 | SIP_FETCH,
	SIP_CMPXCHG = 0xf0 | SIP_FETCH,
};

/*
 * src of lddw: what the 64-bit immediate is. sipdrv's own extension (in the
 * manner of Linux's map pseudo-sources): a SIP's private data, addressed by
 * offset until the loader relocates it to the instance's memory.
 */
enum sip_pseudo {
	SIP_PSEUDO_IMM = 0,	/* a plain 64-bit constant */
	SIP_PSEUDO_DATA = 2,	/* imm: offset into the SIP's writable data (.data, .bss) */
	SIP_PSEUDO_RODATA = 3,	/* imm: offset into its read-only data (.rodata) */
};

/* src of SIP_JMP | SIP_CALL: what imm names. */
enum sip_call_kind {
	SIP_CALL_HELPER = 0,	/* imm: helper number */
	SIP_CALL_LOCAL = 1,	/* imm: pc-relative offset of a local function */
};

#define SIP_CLASS(code)	((code) & 0x07)
#define SIP_SRC(code)	((code) & 0x08)
#define SIP_OP(code)	((code) & 0xf0)
#define SIP_SIZE(code)	((code) & 0x18)
#define SIP_MODE(code)	((code) & 0xe0)

#define SIP_NR_REGS		11
#define SIP_REG_FP		10	/* read-only frame pointer */
#define SIP_REG_AUX		11	/* sipdrv's rewriter only: the fuel counter */
#define SIP_MAX_CALL_DEPTH	8	/* frames, as Linux's MAX_CALL_FRAMES */
/*
 * The stack of one run, as in Linux: a frame addresses at most
 * SIP_STACK_SIZE bytes below its r10, and along every call chain the
 * frames together, each rounded up to 8 bytes plus SIP_STACK_FRAME_EXTRA
 * (the rewriter's hidden slot for r11, below each frame's own stack), fit
 * in SIP_STACK_SIZE. The verifier refuses a handler that could use more;
 * the JIT gives each function round8(depth) + SIP_STACK_FRAME_EXTRA.
 */
#define SIP_STACK_SIZE		512
#define SIP_STACK_FRAME_EXTRA	8

/* Operand shapes; each also says which fields must be zero. */
enum sip_fmt {
	SIP_FMT_ALU_K,		/* op dst, imm          src=0 off=0 */
	SIP_FMT_ALU_X,		/* op dst, src          imm=0 off=0 */
	SIP_FMT_ALU_UN,		/* op dst               src=0 off=0 imm=0 */
	SIP_FMT_LDDW,		/* lddw dst, imm64      src=0 off=0 */
	SIP_FMT_LDDW_PSEUDO,	/* lddw dst, data+imm   off=0 (src: enum sip_pseudo) */
	SIP_FMT_LDX,		/* op dst, [src+off]    imm=0 */
	SIP_FMT_ST,		/* op [dst+off], imm    src=0 */
	SIP_FMT_STX,		/* op [dst+off], src    imm=0 */
	SIP_FMT_ATOMIC,		/* lock op [dst+off], src */
	SIP_FMT_JA,		/* ja target            dst=0 src=0 imm=0 */
	SIP_FMT_JA32,		/* ja32 target (in imm) dst=0 src=0 off=0 */
	SIP_FMT_JMP_K,		/* op dst, imm, target  src=0 */
	SIP_FMT_JMP_X,		/* op dst, src, target  imm=0 */
	SIP_FMT_CALL,		/* call imm             dst=0 off=0 */
	SIP_FMT_CALL_LOCAL,	/* call local target    dst=0 off=0 */
	SIP_FMT_CALLX,		/* call %rD             src=0 off=0 imm=0 */
	SIP_FMT_EXIT,		/* exit                 dst=0 src=0 off=0 imm=0 */
	SIP_FMT__COUNT
};

/* Which field tells rows with the same opcode byte apart. */
enum sip_var {
	SIP_VAR_NONE,
	SIP_VAR_OFF,		/* sdiv/smod (off 1), movsx (off 8/16/32) */
	SIP_VAR_IMM,		/* byte swaps (16/32/64), atomics (the op) */
	SIP_VAR_SRC,		/* call helper/local, lddw kind */
};

/* RFC 9669 conformance groups. */
enum sip_group {
	SIP_GRP_BASE32,
	SIP_GRP_BASE64,
	SIP_GRP_ATOMIC32,
	SIP_GRP_ATOMIC64,
	SIP_GRP_DIVMUL32,
	SIP_GRP_DIVMUL64,
	SIP_GRP_EXT,		/* not in RFC 9669: uBPF's callx, sipdrv's private-data lddw */
};

/* Row flags. */
enum sip_insn_flag {
	SIP_F_V4 = 1 << 0,	/* added with cpu v4: sdiv/smod, movsx, ldsx, bswap, gotol */
	SIP_F_JUMP = 1 << 1,	/* transfers control within the function (off or imm) */
};

#define _SIP_ALU(X, NAME, CLS, OP, MNEM, GRP, FL)				\
	X(NAME##_K, CLS | SIP_K | OP, SIP_VAR_NONE, 0, MNEM, SIP_FMT_ALU_K, GRP, FL) \
	X(NAME##_X, CLS | SIP_X | OP, SIP_VAR_NONE, 0, MNEM, SIP_FMT_ALU_X, GRP, FL)
/* Rows told apart by off: division and modulo (off 0: unsigned, 1: signed). */
#define _SIP_ALU_OFF(X, NAME, CLS, OP, V, MNEM, GRP, FL)			\
	X(NAME##_K, CLS | SIP_K | OP, SIP_VAR_OFF, V, MNEM, SIP_FMT_ALU_K, GRP, FL) \
	X(NAME##_X, CLS | SIP_X | OP, SIP_VAR_OFF, V, MNEM, SIP_FMT_ALU_X, GRP, FL)
#define _SIP_JMP(X, NAME, CLS, OP, MNEM, GRP)					\
	X(NAME##_K, CLS | SIP_K | OP, SIP_VAR_NONE, 0, MNEM, SIP_FMT_JMP_K, GRP, SIP_F_JUMP) \
	X(NAME##_X, CLS | SIP_X | OP, SIP_VAR_NONE, 0, MNEM, SIP_FMT_JMP_X, GRP, SIP_F_JUMP)
#define _SIP_ATOMIC(X, NAME, SZ, IMM, MNEM, GRP)				\
	X(NAME, SIP_STX | SIP_ATOMIC | SZ, SIP_VAR_IMM, IMM, MNEM, SIP_FMT_ATOMIC, GRP, 0)

/*
 * Every valid instruction: X(name, opcode, variant field, variant value,
 * mnemonic, format, group, flags). The row's position is its enum sip_op.
 * Mnemonics follow the uBPF assembler of the bpf_conformance suite.
 */
#define SIP_INSNS(X)								\
	/* 32-bit arithmetic */							\
	_SIP_ALU(X, ADD32, SIP_ALU, SIP_ADD, "add32", SIP_GRP_BASE32, 0)		\
	_SIP_ALU(X, SUB32, SIP_ALU, SIP_SUB, "sub32", SIP_GRP_BASE32, 0)		\
	_SIP_ALU(X, MUL32, SIP_ALU, SIP_MUL, "mul32", SIP_GRP_DIVMUL32, 0)	\
	_SIP_ALU_OFF(X, DIV32, SIP_ALU, SIP_DIV, 0, "div32", SIP_GRP_DIVMUL32, 0) \
	_SIP_ALU_OFF(X, SDIV32, SIP_ALU, SIP_DIV, 1, "sdiv32", SIP_GRP_DIVMUL32, SIP_F_V4) \
	_SIP_ALU(X, OR32, SIP_ALU, SIP_OR, "or32", SIP_GRP_BASE32, 0)		\
	_SIP_ALU(X, AND32, SIP_ALU, SIP_AND, "and32", SIP_GRP_BASE32, 0)		\
	_SIP_ALU(X, LSH32, SIP_ALU, SIP_LSH, "lsh32", SIP_GRP_BASE32, 0)		\
	_SIP_ALU(X, RSH32, SIP_ALU, SIP_RSH, "rsh32", SIP_GRP_BASE32, 0)		\
	X(NEG32, SIP_ALU | SIP_K | SIP_NEG, SIP_VAR_NONE, 0, "neg32", SIP_FMT_ALU_UN, SIP_GRP_BASE32, 0) \
	_SIP_ALU_OFF(X, MOD32, SIP_ALU, SIP_MOD, 0, "mod32", SIP_GRP_DIVMUL32, 0) \
	_SIP_ALU_OFF(X, SMOD32, SIP_ALU, SIP_MOD, 1, "smod32", SIP_GRP_DIVMUL32, SIP_F_V4) \
	_SIP_ALU(X, XOR32, SIP_ALU, SIP_XOR, "xor32", SIP_GRP_BASE32, 0)		\
	X(MOV32_K, SIP_ALU | SIP_K | SIP_MOV, SIP_VAR_NONE, 0, "mov32", SIP_FMT_ALU_K, SIP_GRP_BASE32, 0) \
	X(MOV32_X, SIP_ALU | SIP_X | SIP_MOV, SIP_VAR_OFF, 0, "mov32", SIP_FMT_ALU_X, SIP_GRP_BASE32, 0) \
	X(MOVSX8_32, SIP_ALU | SIP_X | SIP_MOV, SIP_VAR_OFF, 8, "movsx832", SIP_FMT_ALU_X, SIP_GRP_BASE32, SIP_F_V4) \
	X(MOVSX16_32, SIP_ALU | SIP_X | SIP_MOV, SIP_VAR_OFF, 16, "movsx1632", SIP_FMT_ALU_X, SIP_GRP_BASE32, SIP_F_V4) \
	_SIP_ALU(X, ARSH32, SIP_ALU, SIP_ARSH, "arsh32", SIP_GRP_BASE32, 0)	\
	X(LE16, SIP_ALU | SIP_TO_LE | SIP_END, SIP_VAR_IMM, 16, "le16", SIP_FMT_ALU_UN, SIP_GRP_BASE32, 0) \
	X(LE32, SIP_ALU | SIP_TO_LE | SIP_END, SIP_VAR_IMM, 32, "le32", SIP_FMT_ALU_UN, SIP_GRP_BASE32, 0) \
	X(LE64, SIP_ALU | SIP_TO_LE | SIP_END, SIP_VAR_IMM, 64, "le64", SIP_FMT_ALU_UN, SIP_GRP_BASE64, 0) \
	X(BE16, SIP_ALU | SIP_TO_BE | SIP_END, SIP_VAR_IMM, 16, "be16", SIP_FMT_ALU_UN, SIP_GRP_BASE32, 0) \
	X(BE32, SIP_ALU | SIP_TO_BE | SIP_END, SIP_VAR_IMM, 32, "be32", SIP_FMT_ALU_UN, SIP_GRP_BASE32, 0) \
	X(BE64, SIP_ALU | SIP_TO_BE | SIP_END, SIP_VAR_IMM, 64, "be64", SIP_FMT_ALU_UN, SIP_GRP_BASE64, 0) \
	/* 64-bit arithmetic */							\
	_SIP_ALU(X, ADD64, SIP_ALU64, SIP_ADD, "add", SIP_GRP_BASE64, 0)		\
	_SIP_ALU(X, SUB64, SIP_ALU64, SIP_SUB, "sub", SIP_GRP_BASE64, 0)		\
	_SIP_ALU(X, MUL64, SIP_ALU64, SIP_MUL, "mul", SIP_GRP_DIVMUL64, 0)	\
	_SIP_ALU_OFF(X, DIV64, SIP_ALU64, SIP_DIV, 0, "div", SIP_GRP_DIVMUL64, 0) \
	_SIP_ALU_OFF(X, SDIV64, SIP_ALU64, SIP_DIV, 1, "sdiv", SIP_GRP_DIVMUL64, SIP_F_V4) \
	_SIP_ALU(X, OR64, SIP_ALU64, SIP_OR, "or", SIP_GRP_BASE64, 0)		\
	_SIP_ALU(X, AND64, SIP_ALU64, SIP_AND, "and", SIP_GRP_BASE64, 0)		\
	_SIP_ALU(X, LSH64, SIP_ALU64, SIP_LSH, "lsh", SIP_GRP_BASE64, 0)		\
	_SIP_ALU(X, RSH64, SIP_ALU64, SIP_RSH, "rsh", SIP_GRP_BASE64, 0)		\
	X(NEG64, SIP_ALU64 | SIP_K | SIP_NEG, SIP_VAR_NONE, 0, "neg", SIP_FMT_ALU_UN, SIP_GRP_BASE64, 0) \
	_SIP_ALU_OFF(X, MOD64, SIP_ALU64, SIP_MOD, 0, "mod", SIP_GRP_DIVMUL64, 0) \
	_SIP_ALU_OFF(X, SMOD64, SIP_ALU64, SIP_MOD, 1, "smod", SIP_GRP_DIVMUL64, SIP_F_V4) \
	_SIP_ALU(X, XOR64, SIP_ALU64, SIP_XOR, "xor", SIP_GRP_BASE64, 0)		\
	X(MOV64_K, SIP_ALU64 | SIP_K | SIP_MOV, SIP_VAR_NONE, 0, "mov", SIP_FMT_ALU_K, SIP_GRP_BASE64, 0) \
	X(MOV64_X, SIP_ALU64 | SIP_X | SIP_MOV, SIP_VAR_OFF, 0, "mov", SIP_FMT_ALU_X, SIP_GRP_BASE64, 0) \
	X(MOVSX8_64, SIP_ALU64 | SIP_X | SIP_MOV, SIP_VAR_OFF, 8, "movsx864", SIP_FMT_ALU_X, SIP_GRP_BASE64, SIP_F_V4) \
	X(MOVSX16_64, SIP_ALU64 | SIP_X | SIP_MOV, SIP_VAR_OFF, 16, "movsx1664", SIP_FMT_ALU_X, SIP_GRP_BASE64, SIP_F_V4) \
	X(MOVSX32_64, SIP_ALU64 | SIP_X | SIP_MOV, SIP_VAR_OFF, 32, "movsx3264", SIP_FMT_ALU_X, SIP_GRP_BASE64, SIP_F_V4) \
	_SIP_ALU(X, ARSH64, SIP_ALU64, SIP_ARSH, "arsh", SIP_GRP_BASE64, 0)	\
	X(BSWAP16, SIP_ALU64 | SIP_K | SIP_END, SIP_VAR_IMM, 16, "bswap16", SIP_FMT_ALU_UN, SIP_GRP_BASE32, SIP_F_V4) \
	X(BSWAP32, SIP_ALU64 | SIP_K | SIP_END, SIP_VAR_IMM, 32, "bswap32", SIP_FMT_ALU_UN, SIP_GRP_BASE32, SIP_F_V4) \
	X(BSWAP64, SIP_ALU64 | SIP_K | SIP_END, SIP_VAR_IMM, 64, "bswap64", SIP_FMT_ALU_UN, SIP_GRP_BASE64, SIP_F_V4) \
	/* loads and stores */							\
	X(LDDW, SIP_LD | SIP_IMM | SIP_DW, SIP_VAR_SRC, SIP_PSEUDO_IMM, "lddw", SIP_FMT_LDDW, SIP_GRP_BASE64, 0) \
	X(LDDW_DATA, SIP_LD | SIP_IMM | SIP_DW, SIP_VAR_SRC, SIP_PSEUDO_DATA, "lddw", SIP_FMT_LDDW_PSEUDO, SIP_GRP_EXT, 0) \
	X(LDDW_RODATA, SIP_LD | SIP_IMM | SIP_DW, SIP_VAR_SRC, SIP_PSEUDO_RODATA, "lddw", SIP_FMT_LDDW_PSEUDO, SIP_GRP_EXT, 0) \
	X(LDXW, SIP_LDX | SIP_MEM | SIP_W, SIP_VAR_NONE, 0, "ldxw", SIP_FMT_LDX, SIP_GRP_BASE32, 0) \
	X(LDXH, SIP_LDX | SIP_MEM | SIP_H, SIP_VAR_NONE, 0, "ldxh", SIP_FMT_LDX, SIP_GRP_BASE32, 0) \
	X(LDXB, SIP_LDX | SIP_MEM | SIP_B, SIP_VAR_NONE, 0, "ldxb", SIP_FMT_LDX, SIP_GRP_BASE32, 0) \
	X(LDXDW, SIP_LDX | SIP_MEM | SIP_DW, SIP_VAR_NONE, 0, "ldxdw", SIP_FMT_LDX, SIP_GRP_BASE64, 0) \
	X(LDXSW, SIP_LDX | SIP_MEMSX | SIP_W, SIP_VAR_NONE, 0, "ldxsw", SIP_FMT_LDX, SIP_GRP_BASE64, SIP_F_V4) \
	X(LDXSH, SIP_LDX | SIP_MEMSX | SIP_H, SIP_VAR_NONE, 0, "ldxsh", SIP_FMT_LDX, SIP_GRP_BASE32, SIP_F_V4) \
	X(LDXSB, SIP_LDX | SIP_MEMSX | SIP_B, SIP_VAR_NONE, 0, "ldxsb", SIP_FMT_LDX, SIP_GRP_BASE32, SIP_F_V4) \
	X(STW, SIP_ST | SIP_MEM | SIP_W, SIP_VAR_NONE, 0, "stw", SIP_FMT_ST, SIP_GRP_BASE32, 0) \
	X(STH, SIP_ST | SIP_MEM | SIP_H, SIP_VAR_NONE, 0, "sth", SIP_FMT_ST, SIP_GRP_BASE32, 0) \
	X(STB, SIP_ST | SIP_MEM | SIP_B, SIP_VAR_NONE, 0, "stb", SIP_FMT_ST, SIP_GRP_BASE32, 0) \
	X(STDW, SIP_ST | SIP_MEM | SIP_DW, SIP_VAR_NONE, 0, "stdw", SIP_FMT_ST, SIP_GRP_BASE64, 0) \
	X(STXW, SIP_STX | SIP_MEM | SIP_W, SIP_VAR_NONE, 0, "stxw", SIP_FMT_STX, SIP_GRP_BASE32, 0) \
	X(STXH, SIP_STX | SIP_MEM | SIP_H, SIP_VAR_NONE, 0, "stxh", SIP_FMT_STX, SIP_GRP_BASE32, 0) \
	X(STXB, SIP_STX | SIP_MEM | SIP_B, SIP_VAR_NONE, 0, "stxb", SIP_FMT_STX, SIP_GRP_BASE32, 0) \
	X(STXDW, SIP_STX | SIP_MEM | SIP_DW, SIP_VAR_NONE, 0, "stxdw", SIP_FMT_STX, SIP_GRP_BASE64, 0) \
	/* atomics */								\
	_SIP_ATOMIC(X, AADD32, SIP_W, SIP_ADD, "lock add32", SIP_GRP_ATOMIC32)	\
	_SIP_ATOMIC(X, AOR32, SIP_W, SIP_OR, "lock or32", SIP_GRP_ATOMIC32)	\
	_SIP_ATOMIC(X, AAND32, SIP_W, SIP_AND, "lock and32", SIP_GRP_ATOMIC32)	\
	_SIP_ATOMIC(X, AXOR32, SIP_W, SIP_XOR, "lock xor32", SIP_GRP_ATOMIC32)	\
	_SIP_ATOMIC(X, AFADD32, SIP_W, SIP_ADD | SIP_FETCH, "lock fetch add32", SIP_GRP_ATOMIC32) \
	_SIP_ATOMIC(X, AFOR32, SIP_W, SIP_OR | SIP_FETCH, "lock fetch or32", SIP_GRP_ATOMIC32) \
	_SIP_ATOMIC(X, AFAND32, SIP_W, SIP_AND | SIP_FETCH, "lock fetch and32", SIP_GRP_ATOMIC32) \
	_SIP_ATOMIC(X, AFXOR32, SIP_W, SIP_XOR | SIP_FETCH, "lock fetch xor32", SIP_GRP_ATOMIC32) \
	_SIP_ATOMIC(X, AXCHG32, SIP_W, SIP_XCHG, "lock xchg32", SIP_GRP_ATOMIC32)	\
	_SIP_ATOMIC(X, ACMPXCHG32, SIP_W, SIP_CMPXCHG, "lock cmpxchg32", SIP_GRP_ATOMIC32) \
	_SIP_ATOMIC(X, AADD64, SIP_DW, SIP_ADD, "lock add", SIP_GRP_ATOMIC64)	\
	_SIP_ATOMIC(X, AOR64, SIP_DW, SIP_OR, "lock or", SIP_GRP_ATOMIC64)	\
	_SIP_ATOMIC(X, AAND64, SIP_DW, SIP_AND, "lock and", SIP_GRP_ATOMIC64)	\
	_SIP_ATOMIC(X, AXOR64, SIP_DW, SIP_XOR, "lock xor", SIP_GRP_ATOMIC64)	\
	_SIP_ATOMIC(X, AFADD64, SIP_DW, SIP_ADD | SIP_FETCH, "lock fetch add", SIP_GRP_ATOMIC64) \
	_SIP_ATOMIC(X, AFOR64, SIP_DW, SIP_OR | SIP_FETCH, "lock fetch or", SIP_GRP_ATOMIC64) \
	_SIP_ATOMIC(X, AFAND64, SIP_DW, SIP_AND | SIP_FETCH, "lock fetch and", SIP_GRP_ATOMIC64) \
	_SIP_ATOMIC(X, AFXOR64, SIP_DW, SIP_XOR | SIP_FETCH, "lock fetch xor", SIP_GRP_ATOMIC64) \
	_SIP_ATOMIC(X, AXCHG64, SIP_DW, SIP_XCHG, "lock xchg", SIP_GRP_ATOMIC64)	\
	_SIP_ATOMIC(X, ACMPXCHG64, SIP_DW, SIP_CMPXCHG, "lock cmpxchg", SIP_GRP_ATOMIC64) \
	/* 64-bit jumps, calls, exit */						\
	X(JA, SIP_JMP | SIP_JA, SIP_VAR_NONE, 0, "ja", SIP_FMT_JA, SIP_GRP_BASE32, SIP_F_JUMP) \
	_SIP_JMP(X, JEQ, SIP_JMP, SIP_JEQ, "jeq", SIP_GRP_BASE64)		\
	_SIP_JMP(X, JGT, SIP_JMP, SIP_JGT, "jgt", SIP_GRP_BASE64)		\
	_SIP_JMP(X, JGE, SIP_JMP, SIP_JGE, "jge", SIP_GRP_BASE64)		\
	_SIP_JMP(X, JSET, SIP_JMP, SIP_JSET, "jset", SIP_GRP_BASE64)		\
	_SIP_JMP(X, JNE, SIP_JMP, SIP_JNE, "jne", SIP_GRP_BASE64)		\
	_SIP_JMP(X, JSGT, SIP_JMP, SIP_JSGT, "jsgt", SIP_GRP_BASE64)		\
	_SIP_JMP(X, JSGE, SIP_JMP, SIP_JSGE, "jsge", SIP_GRP_BASE64)		\
	_SIP_JMP(X, JLT, SIP_JMP, SIP_JLT, "jlt", SIP_GRP_BASE64)		\
	_SIP_JMP(X, JLE, SIP_JMP, SIP_JLE, "jle", SIP_GRP_BASE64)		\
	_SIP_JMP(X, JSLT, SIP_JMP, SIP_JSLT, "jslt", SIP_GRP_BASE64)		\
	_SIP_JMP(X, JSLE, SIP_JMP, SIP_JSLE, "jsle", SIP_GRP_BASE64)		\
	X(CALL, SIP_JMP | SIP_K | SIP_CALL, SIP_VAR_SRC, SIP_CALL_HELPER, "call", SIP_FMT_CALL, SIP_GRP_BASE32, 0) \
	X(CALL_LOCAL, SIP_JMP | SIP_K | SIP_CALL, SIP_VAR_SRC, SIP_CALL_LOCAL, "call", SIP_FMT_CALL_LOCAL, SIP_GRP_BASE32, 0) \
	X(CALLX, SIP_JMP | SIP_X | SIP_CALL, SIP_VAR_NONE, 0, "call", SIP_FMT_CALLX, SIP_GRP_EXT, 0) \
	X(EXIT, SIP_JMP | SIP_K | SIP_EXIT, SIP_VAR_NONE, 0, "exit", SIP_FMT_EXIT, SIP_GRP_BASE32, 0) \
	/* 32-bit jumps */							\
	X(JA32, SIP_JMP32 | SIP_JA, SIP_VAR_NONE, 0, "ja32", SIP_FMT_JA32, SIP_GRP_BASE32, SIP_F_V4 | SIP_F_JUMP) \
	_SIP_JMP(X, JEQ32, SIP_JMP32, SIP_JEQ, "jeq32", SIP_GRP_BASE32)		\
	_SIP_JMP(X, JGT32, SIP_JMP32, SIP_JGT, "jgt32", SIP_GRP_BASE32)		\
	_SIP_JMP(X, JGE32, SIP_JMP32, SIP_JGE, "jge32", SIP_GRP_BASE32)		\
	_SIP_JMP(X, JSET32, SIP_JMP32, SIP_JSET, "jset32", SIP_GRP_BASE32)	\
	_SIP_JMP(X, JNE32, SIP_JMP32, SIP_JNE, "jne32", SIP_GRP_BASE32)		\
	_SIP_JMP(X, JSGT32, SIP_JMP32, SIP_JSGT, "jsgt32", SIP_GRP_BASE32)	\
	_SIP_JMP(X, JSGE32, SIP_JMP32, SIP_JSGE, "jsge32", SIP_GRP_BASE32)	\
	_SIP_JMP(X, JLT32, SIP_JMP32, SIP_JLT, "jlt32", SIP_GRP_BASE32)		\
	_SIP_JMP(X, JLE32, SIP_JMP32, SIP_JLE, "jle32", SIP_GRP_BASE32)		\
	_SIP_JMP(X, JSLT32, SIP_JMP32, SIP_JSLT, "jslt32", SIP_GRP_BASE32)	\
	_SIP_JMP(X, JSLE32, SIP_JMP32, SIP_JSLE, "jsle32", SIP_GRP_BASE32)

/* One value per row of SIP_INSNS: what the interpreter dispatches on. */
enum sip_op {
#define _SIP_OP_ENUM(name, ...) SIP_OP_##name,
	SIP_INSNS(_SIP_OP_ENUM)
#undef _SIP_OP_ENUM
	SIP_OP__COUNT
};

struct sip_insn_desc {
	const char *mnem;
	u8 code;
	u8 var;		/* enum sip_var */
	u8 fmt;		/* enum sip_fmt */
	u8 group;	/* enum sip_group */
	u8 flags;	/* enum sip_insn_flag */
	s32 var_value;
};

/* Indexed by enum sip_op (sipdrv_runtime/isa.c). */
extern const struct sip_insn_desc sip_insn_descs[SIP_OP__COUNT];

/* Alternative spellings the assembler accepts (canonical mnemonic second). */
#define SIP_MNEM_ALIASES(X)		\
	X("swap16", "bswap16")		\
	X("swap32", "bswap32")		\
	X("swap64", "bswap64")

#endif /* _SIPDRV_ISA_H */
