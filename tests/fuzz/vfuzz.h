/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The verifier's soundness fuzzer (verifier_fuzz.c), shared between its
 * files: the input's readers, the program generator's state, the mock
 * runtime message handlers run against, and the runner that checks every
 * accepted program in the checked interpreter under the state-embedding
 * oracle.
 */
#ifndef _SIPDRV_VFUZZ_H
#define _SIPDRV_VFUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "disasm.h"
#include "interp.h"
#include "verifier.h"
#include "vembed.h"

#define MAX_FUNCS	3
#define FUNC_INSNS	240		/* a function stops growing past this */
#define MAX_INSNS	(MAX_FUNCS * (FUNC_INSNS + 200))
#define MAX_ITEMS	(2 * FUNC_INSNS)	/* per function (some items add nothing) */
#define MAX_LOOP_DEPTH	2
#define RUN_BUDGET	30000		/* instructions per checked run */
#define MAX_PROCESSED	30000		/* verifier limits: keep slow inputs rare */
#define MAX_STATES	4096
#define MAX_DATA	4096
#define RODATA_SIZE	32
#define NR_RUNS		3		/* runs of each accepted program */

/* ---- the input: choices from the front, the header and mutations from the back ---- */

struct input {
	const u8 *p;
	size_t head, tail;	/* [head, tail) is unread; an empty input reads zeros */
};

static inline u8 in_byte(struct input *in)
{
	return in->head < in->tail ? in->p[in->head++] : 0;
}

static inline u8 in_back(struct input *in)
{
	return in->head < in->tail ? in->p[--in->tail] : 0;
}

static inline u32 in_u32(struct input *in)
{
	u32 v = 0;
	int i;

	for (i = 0; i < 4; i++)
		v |= (u32)in_byte(in) << (8 * i);
	return v;
}

static inline u64 in_u64(struct input *in)
{
	return in_u32(in) | (u64)in_u32(in) << 32;
}

/* ---- values worth trying (vfuzz_pick.c) ---- */

extern const s32 vf_imm_table[];
extern const u32 vf_nr_imm;
extern const u64 vf_imm64_table[];
extern const u32 vf_nr_imm64;

/* ---- the generator ---- */

/* What the generator believes a register holds (the verifier decides). */
enum kind {
	K_NONE, K_SCALAR, K_DATA, K_RODATA, K_STACK, K_ANY,
	K_CTX,		/* a message handler's context */
	K_BLOCK,	/* an owned block, checked not NULL */
	K_BLOCK_NULL,	/* an owned block or NULL */
	K_CHAN,		/* a channel handle */
	K_GONE,		/* a block given up */
};

struct fixup {
	u32 insn;
	u32 item;	/* a jump: the item of its function it lands on */
	int callee;	/* a local call: the function it calls; -1 for a jump */
};

struct gen {
	struct input *in;
	struct sip_insn insns[MAX_INSNS];
	u32 len;
	u32 func, nr_funcs;
	u32 func_start[MAX_FUNCS];
	bool called[MAX_FUNCS];
	u32 items[MAX_ITEMS + 1];	/* first instruction of each item of this function */
	u32 nr_items;
	struct fixup fix[MAX_INSNS];
	u32 nr_fix;
	u8 kind[SIP_NR_REGS];		/* a guess of what each register holds */
	u16 locked;			/* counters, blocks, the context: not to be written */
	u32 depth;			/* loop nesting */
	u32 data_size;
	/* message handlers (vfuzz_msg.c) */
	u32 nr_slots, nr_channels;
	bool no_jumps;			/* items may not jump out of themselves */
	u32 shapes;			/* enum vf_shape: what the handler has */
	u32 msg_depth;			/* nesting of block scopes */
	u32 loops, loops_open;		/* loops so far, and around what is emitted now */
};

/* The attack shapes a message handler has (counted by shape). */
enum vf_shape {
	SH_MSG_BLOCK,		/* the message's block */
	SH_SLOT,		/* a slot's block, or one put in a slot */
	SH_SEND,		/* a block sent, its result tested */
	SH_JOIN,		/* a size that joins with another block's or a number */
	SH_RECHECK,		/* a size checked again after another helper */
	SH_LOOP_SEND,		/* a loop that sends */
	SH_PENDING,		/* a block pending across a loop's back edge */
	SH_ABORT,		/* sip_abort() */
	SH_LEN_LOOP,		/* a loop "i + k <= len" over a block, data or the stack */
	SH_TLV,			/* records walked by their lengths */
	SH_MSG_SIZE,		/* msg->block_size read and checked */
	SH_STACK_VAR,		/* the stack accessed at a variable offset */
	SH_RODATA_WALK,		/* read-only data walked to a NUL */
	SH__COUNT
};

/* Rows of SIP_INSNS by format (vf_collect_ops). */
struct op_list {
	u8 ops[SIP_OP__COUNT];
	u32 n;
};

extern struct op_list vf_alu_k, vf_alu_x, vf_alu_un, vf_ldx_ops, vf_st_ops, vf_stx_ops,
	vf_atomic_ops, vf_jmp_k, vf_jmp_x;

/* vfuzz_pick.c: emitting instructions, and choosing their operands */
void vf_collect_ops(void);
u8 vf_pick_op(struct gen *g, const struct op_list *l);
void vf_emit(struct gen *g, enum sip_op op, u8 dst, u8 src, s16 off, s32 imm);
void vf_emit_lddw(struct gen *g, enum sip_op op, u8 dst, u64 imm);
s32 vf_pick_imm(struct gen *g);
u64 vf_pick_imm64(struct gen *g);
s32 vf_pick_region_off(struct gen *g, u32 size, u32 width);
s16 vf_pick_mem_off(struct gen *g, u8 kind, u32 width);
bool vf_is_ptr_kind(u8 k);
u8 vf_pick_dst(struct gen *g);
u8 vf_pick_src(struct gen *g);
u8 vf_pick_ptr(struct gen *g, u8 kind);
u8 vf_pick_base(struct gen *g, u8 *kind);
u32 vf_pick_lddw_off(struct gen *g, u32 size);
void vf_init_reg(struct gen *g, u8 r, u8 how);
u32 vf_width_of(u8 op);

/* vfuzz_gen.c: raw programs (and the items message handlers mix in) */
void vf_item(struct gen *g);
void vf_unknown_scalar(struct gen *g, u8 s);
void vf_bound_scalar(struct gen *g, u8 s);
void vf_gen_program(struct gen *g);
void vf_mutate(struct gen *g, u32 n);

/* vfuzz_msg.c: message handlers that use helpers */
void vf_gen_msg(struct gen *g);

/* ---- the mock runtime (vfuzz_mock.c) ---- */

#define MOCK_MAX_BLOCKS	64	/* per run: the oracle names blocks by bit */
#define MOCK_MAX_SLOTS	4
#define MOCK_MAX_CHANS	3

/*
 * What a message handler's run meets: the message and its block, the
 * slots' blocks, and how the helpers behave (from the input).
 */
struct mock_setup {
	u32 tag;
	u64 args[3];
	u32 block_size;		/* the message's block (0: none) */
	bool lent;		/* it is lent: its lender may take it back */
	u32 slot_size[MOCK_MAX_SLOTS];	/* blocks in the slots at the start (0: empty) */
	u32 nr_slots, nr_channels;
	u64 script;		/* seeds the helpers' failures */
	u8 fail_rate;		/* out of 256: an alloc or a send fails */
	u16 take_back_at;	/* the call before which the lender takes its block back, or 0 */
	u16 abort_at;		/* the call that faults as a contract violation would, or 0 */
};

void vf_mock_init(void);
/*
 * Sets up a run in place @place (0 or 1): the context, the regions, the
 * helpers (@ms NULL: a raw program's, the trap only); @halt: the JIT
 * engine's halt word (NULL: the interpreter's).
 */
void vf_mock_start(const struct mock_setup *ms, u32 place, struct sip_run *run, u32 *halt);
/* A helper stopped the SIP during this run. */
bool vf_mock_halted(void);
/* After the run: 0, or why the runtime's view is wrong (a leak, a bad block). */
int vf_mock_finish(char *why, u32 size);
const struct sip_helper_table *vf_mock_helpers(void);
u64 vf_mock_ctx(void);
/* The blocks the run had, for the oracle. */
const struct sip_vblock *vf_mock_blocks(u32 *n);

/* ---- running accepted programs (vfuzz_run.c) ---- */

struct vf_case {
	const struct sip_insn *insns;
	u32 len;
	u32 kind;		/* SIP_VKIND_RAW or SIP_ENTRY_MSG */
	u32 data_size;
	u32 nr_slots, nr_channels;
	u8 fill_how;
	u64 seed;
	u64 r1[NR_RUNS];	/* raw programs */
	struct mock_setup ms[NR_RUNS];	/* message handlers */
	u32 shapes;		/* enum vf_shape */
};

struct vf_stats {
	u64 inputs, programs, accepted, runs, budget, oracle_steps, findings;
	u64 jit_programs, jit_runs, jit_halts, jit_not_lowered, jit_unverified;
	u64 by_kind[2][2];	/* [raw, msg][built, accepted] */
	u64 by_shape[SH__COUNT][2];
	u64 states_recorded, states_kept;
};

extern struct vf_stats vf_stats;
extern bool vf_print_all;
/* Set by a driver that goes on after a finding: report() jumps there. */
extern void *vf_finding_jmp;

void vf_places_init(void);
void vf_note_reason(const char *msg);
void vf_print_program(const struct sip_insn *insns, u32 len);
void vf_print_stats(void);
/* Verifies @c, and runs it when accepted. */
void vf_check_case(const struct vf_case *c);

#endif /* _SIPDRV_VFUZZ_H */
