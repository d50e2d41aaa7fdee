/* SPDX-License-Identifier: GPL-2.0 */
/* The verifier's working environment for one handler. Internal to verifier/. */
#ifndef _SIPDRV_VENV_H
#define _SIPDRV_VENV_H

#include "vstate.h"

/* Per-instruction facts from the CFG pass. */
enum vinsn_flag {
	VI_REACHED = 1 << 0,
	VI_PRUNE = 1 << 1,	/* a place to compare and keep states */
	VI_LOOP_HEAD = 1 << 2,	/* target of a backward jump */
	VI_LDDW_HI = 1 << 3,	/* second slot of lddw: not an instruction */
	VI_FUNC_START = 1 << 4,
};

/* Verbose log: the instructions of a path, shared between forked states. */
struct vpath {
	struct vpath *parent;
	u32 refs;
	u32 pc;
	u8 regno;		/* the register the instruction wrote, or 0xff */
	struct vreg reg;	/* its value afterwards */
};

struct linkpairs;
struct varena;

struct vstored {
	struct vstored *next;
	struct vstate *st;
	u32 depth;		/* kept states before it on its path (st->anc's chain) */
};

/*
 * What exploring cost at one prune point, for naming the construct that
 * made the state space explode when a limit is reached (cost.c). Updated
 * once per visit, never per instruction, so that counting stays cheap.
 */
struct vcost {
	u32 visits;	/* states that reached it */
	u32 kept;	/* of those, stored for pruning */
	u32 cmps;	/* comparisons with stored states */
	u32 insns;	/* instructions explored from it up to the next prune point */
};

/* The limit a refusal for complexity reached (cost.c). */
enum vlimit {
	VLIM_INSNS,	/* instructions explored */
	VLIM_CMPS,	/* state comparisons */
	VLIM_STATES,	/* states kept */
};

struct venv {
	const struct sip_vprog *prog;
	struct sip_diag *diag;
	u64 max_processed;
	u32 max_states;
	bool verbose;
	char *log;
	u32 log_size, log_len;
	void (*record)(void *cookie, u32 pc, const struct vstate *st);	/* tests: see verifier.h */
	void *record_cookie;

	u64 bytes, peak_bytes;
	u32 next_id;

	/* CFG */
	u8 *flags;		/* enum vinsn_flag, per instruction */
	u16 *func_of;		/* per instruction */
	s16 *ops;		/* per slot: sip_insn_op() of it, decoded once */
	u32 nr_funcs;
	u32 func_start[SIP_VERIFY_MAX_FUNCS];
	u32 func_stack[SIP_VERIFY_MAX_FUNCS];	/* bytes each function addresses */
	u32 func_stack_at[SIP_VERIFY_MAX_FUNCS];	/* where it reaches deepest */

	/* exploration */
	struct vstored **stored;	/* per instruction */
	u16 *visits;			/* per instruction: states met at a loop head */
	struct vcost *cost;		/* per instruction: prune points' */
	u32 cost_from;			/* the prune point the current path left last */
	u64 cost_mark;			/* processed when it left it */
	struct vstate **queue;
	u32 queue_len, queue_cap;
	u64 processed, compares;
	u32 nr_stored, pruned, widened;
	struct vthresholds th;
	struct vrel_scratch *rel;	/* rel.c's */
	u32 *shared_vars;		/* state.c's: VSHARED_MAX */
	struct linkpairs *links;	/* state.c's, for widening */
	struct varena *arena;		/* state.c's: kept states' blocks, newest first */
	u32 cover_hint;			/* state.c's: frame * VNR_REGS + register */
};

/* Registers and spills a state has, at most (state.c's room for their variables). */
#define VSHARED_MAX (SIP_MAX_CALL_DEPTH * (VNR_REGS + VMAX_SLOTS))

void *venv_alloc(struct venv *env, u32 size);
/* Zeroed memory freed only with everything else by venv_arena_free(). */
void *venv_arena_alloc(struct venv *env, u32 size);
void venv_arena_free(struct venv *env);
void venv_free(struct venv *env, void *p);
void venv_path_get(struct vpath *p);
void venv_path_put(struct venv *env, struct vpath *p);
const char *vtype_name(u8 type);

/* cfg.c */
int vcfg_build(struct venv *env);

/* stack.c: after exploration, every call chain's stack fits one run's. */
int vstack_check(struct venv *env);

/* Reports a refusal at @pc; returns -EINVAL. */
int verr(struct venv *env, u32 pc, const char *fmt, ...) __printf(3, 4);
/* Appends to the verbose log. */
void vlog(struct venv *env, const char *fmt, ...) __printf(2, 3);

/*
 * cost.c: refuses for reaching limit @lim at @pc. The message is @head
 * followed by the construct that cost the most and what to do about it,
 * and names that construct's instruction. Returns -E2BIG.
 */
int vcost_refuse(struct venv *env, u32 pc, enum vlimit lim, const char *head);

/*
 * cost.c: the source file and line of @pc, or of the first instruction
 * after it that has a line (clang gives some line 0); NULL: none known.
 */
const char *vsrc_line(const struct sip_vprog *p, u32 pc, u32 *line);

#endif /* _SIPDRV_VENV_H */
