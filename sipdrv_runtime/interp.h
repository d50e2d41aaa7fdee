/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The portable eBPF interpreter. A program is first loaded (structure
 * checked and decoded into a form the dispatch loop reads fast), then run
 * any number of times. Semantics follow the Linux kernel's interpreter,
 * including its edge cases (division by zero, INT_MIN / -1, masked shifts,
 * zero-extending 32-bit operations).
 *
 * Two modes run the same program: sip_interp_run() trusts the verifier and
 * touches memory directly; sip_interp_run_checked() bounds-checks every load
 * and store against the stack and the regions the caller registered and stops
 * with a fault instead of touching anything else (for differential testing),
 * and may show every state it goes through to a step hook (the verifier's
 * state-embedding oracle in tests).
 */
#ifndef _SIPDRV_INTERP_H
#define _SIPDRV_INTERP_H

#include <sipdrv/isa.h>
#include "insn.h"

/* Helpers have the eBPF calling convention: r1..r5 in, r0 out. */
typedef u64 (*sip_helper_fn)(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5);

struct sip_helper_table {
	const sip_helper_fn *fns;	/* indexed by helper number; NULL: none */
	u32 count;
};

/* Memory a checked run may touch besides its stack. */
struct sip_region {
	u64 start;
	u64 size;
	bool writable;
};

enum sip_fault_kind {
	SIP_FAULT_NONE,
	SIP_FAULT_MEM,		/* access outside every region (checked mode) */
	SIP_FAULT_READONLY,	/* store into a read-only region (checked mode) */
	SIP_FAULT_ALIGN,	/* misaligned atomic (checked mode) */
	SIP_FAULT_CALL_DEPTH,	/* more than SIP_MAX_CALL_DEPTH frames */
	SIP_FAULT_HELPER,	/* call of a helper that does not exist */
	SIP_FAULT_ABORT,	/* a helper stopped the program (sip_run_abort) */
	SIP_FAULT_BUDGET,	/* more instructions than run->budget (checked mode) */
	SIP_FAULT_STEP,		/* the step hook stopped it (checked mode) */
};

struct sip_fault {
	u32 kind;		/* enum sip_fault_kind */
	u32 insn;		/* where */
	u64 addr;		/* MEM, READONLY, ALIGN: the address; HELPER: the number */
	u32 size;		/* MEM, READONLY, ALIGN: access size */
	s32 code;		/* ABORT: the helper's reason */
};

/*
 * The stack memory a run needs: every call frame, plus the 8 bytes below
 * the deepest one where rewritten code (SIP_RW_SAVE_AUX) keeps r11.
 */
#define SIP_RUN_STACK_BYTES (SIP_STACK_SIZE * SIP_MAX_CALL_DEPTH + 8)

/* A frame below the current one, as a step hook sees it. */
struct sip_step_frame {
	u64 saved[5];		/* its r6..r9 and r10, as the call saved them */
	u32 ret;		/* the instruction it goes on at */
};

/* A checked run's state before an instruction runs. */
struct sip_step {
	u32 pc;
	u32 depth;				/* frames below the current one */
	const u64 *regs;			/* r0..r11 of the current frame */
	const struct sip_step_frame *frames;	/* [depth]: [0] is the handler's */
	u64 stack_top;				/* the handler's r10 */
};

/* Returns 0 to go on; anything else stops the run with SIP_FAULT_STEP. */
typedef int (*sip_step_fn)(void *cookie, const struct sip_step *s);

struct sip_run {
	/* in */
	u64 args[5];			/* r1..r5 at entry */
	void *stack;			/* SIP_RUN_STACK_BYTES, 8-byte aligned */
	const struct sip_region *regions;	/* checked mode */
	u32 nr_regions;
	u64 budget;			/* checked mode: instructions allowed (0: no limit) */
	bool hidden_slot;		/* checked mode: r10-520 is live too (rewritten code) */
	sip_step_fn step;		/* checked mode: called before every instruction, */
	void *step_cookie;		/* with this (NULL: not called) */
	/*
	 * Checked mode: a helper's abort does not stop the run, as it would
	 * not stop native code (the kernel JIT's): the first one is kept in
	 * fault, and the run goes on (its status is 0 if it ends normally).
	 */
	bool run_on;
	/* set by helpers through sip_run_stop()/sip_run_abort() */
	bool stop;
	s32 abort_code;
	/* out */
	u64 r0;
	struct sip_fault fault;
	u64 executed;			/* checked mode: instructions run (else 0) */
};

struct sip_prog;

/*
 * Checks @insns (sip_prog_check) and every constant helper number against
 * @helpers, and decodes them. Returns 0 and *@out, or a negative errno with
 * @diag filled. The caller keeps @helpers alive while the program lives.
 */
int sip_prog_load(const struct sip_insn *insns, u32 len, const struct sip_helper_table *helpers,
		  struct sip_prog **out, struct sip_diag *diag);
/* The same with enum sip_check_flags (SIP_CHECK_AUX_REG: the rewriter's output). */
int sip_prog_load_flags(const struct sip_insn *insns, u32 len, u32 flags,
			const struct sip_helper_table *helpers, struct sip_prog **out,
			struct sip_diag *diag);
void sip_prog_free(struct sip_prog *prog);

/*
 * Runs @prog. Returns 0 with run->r0 set, or -EFAULT with run->fault
 * describing what stopped it. In the kernel the caller disables preemption.
 */
int sip_interp_run(const struct sip_prog *prog, struct sip_run *run);
int sip_interp_run_checked(const struct sip_prog *prog, struct sip_run *run);

/*
 * For helpers: end the current run after this helper returns. stop keeps
 * the helper's return value as r0 (a normal end); abort is a fault.
 */
void sip_run_stop(void);
void sip_run_abort(s32 code);

const char *sip_fault_name(enum sip_fault_kind kind);

#endif /* _SIPDRV_INTERP_H */
