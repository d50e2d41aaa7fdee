/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the verifier proper's files share: explore.c walks every path,
 * check.c each instruction along one, mem.c checks memory accesses,
 * calls.c helper calls, and diag.c keeps the log and words the diagnostics.
 * Internal to verifier/.
 */
#ifndef _SIPDRV_VCHECK_H
#define _SIPDRV_VCHECK_H

#include "venv.h"

static inline const char *regname(u8 regno)
{
	static const char *const names[VNR_REGS] = {
		"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11",
	};

	return regno < VNR_REGS ? names[regno] : "r?";
}

static inline struct vframe *cur_frame(struct vstate *st)
{
	return st->frames[st->nr_frames - 1];
}

static inline struct vreg *reg(struct vstate *st, u8 regno)
{
	return &cur_frame(st)->regs[regno];
}

static inline u32 new_id(struct venv *env)
{
	return ++env->next_id;
}

static inline bool is_pointer(const struct vreg *r)
{
	return r->type != VT_SCALAR && r->type != VT_NOT_INIT && r->type != VT_GONE;
}

static inline bool is_zero(const struct vreg *r)
{
	return vreg_is_const(r) && r->var.value == 0;
}

static inline struct vslot *slot_of(struct vframe *fr, s64 o)
{
	return &fr->slots[(-o - 1) / 8];
}

static inline u8 *byte_of(struct vframe *fr, s64 o)
{
	struct vslot *s = slot_of(fr, o);

	return &s->bytes[(o % 8 + 8) % 8];
}

/* ---- check.c: one path ---- */

/* Queues @st, a path forked off, for the walk to explore. */
int vpush_state(struct venv *env, struct vstate *st);
/* Explores @st's path to its end: 0, or an error (the failure logged). */
int vrun_path(struct venv *env, struct vstate *st);

/* ---- explore.c ---- */

/* At a prune point: 1 when a kept state covers @st (the path is done), else 0 or an error. */
int vvisit(struct venv *env, struct vstate *st);

/* ---- diag.c ---- */

/* A limit on work reached at @pc: says which construct cost it (cost.c). */
int verr_limit(struct venv *env, u32 pc, enum vlimit lim, const char *fmt, ...) __printf(4, 5);
/* Notes @pc (and @regno's value after it, if a register) on @st's path, for -v. */
void vpath_note(struct venv *env, struct vstate *st, u32 pc, u8 regno);
/* Logs the failing path of @st and its state there, for -v. */
void vlog_failure(struct venv *env, struct vstate *st);

/* ---- check.c: owned blocks and registers ---- */

struct vref *vref_find(struct vstate *st, u32 id);
/* A new owned block, of @size_min bytes at least; @mid: its size's variable (0: a new one). */
int vref_acquire(struct venv *env, struct vstate *st, u32 pc, u64 size_min, u32 mid, u32 *id);
/* The block is given up (@why, at @pc): every copy of its pointer dies with it. */
void vref_release(struct vstate *st, u32 id, enum vgone why, u32 pc);
/* Refuses a use of @regno, a pointer to a block given up (@r says how). */
int vreport_gone(struct venv *env, u32 pc, u8 regno, const struct vreg *r);
/* Refuses a read of @regno before it is written (or after its block is gone). */
int vcheck_reg_init(struct venv *env, struct vstate *st, u32 pc, u8 regno);
/* A pending block may not be touched until the send's result is tested. */
int vcheck_block_usable(struct venv *env, struct vstate *st, u32 pc, u8 regno);

/* ---- mem.c ---- */

enum access { ACC_READ, ACC_WRITE, ACC_ATOMIC };

/*
 * A @size-byte access @acc at @off from @bregno: checked against what the
 * pointer may reach; a read's value goes to @regno (sign-extended if
 * @sign), a write's comes from @regno (0xff: an immediate).
 */
int vcheck_mem(struct venv *env, struct vstate *st, u32 pc, u8 bregno, s16 off, u8 size,
	       enum access acc, u8 regno, bool sign);
/* Whether a value read from read-only data narrows to what its offsets hold. */
bool vrodata_narrow(struct venv *env, struct vstate *st, const struct vreg *v);
/* @size bytes (@size_var: their variable, or 0) at @off from @base, in its region. */
int vcheck_region(struct venv *env, struct vstate *st, u32 pc, const struct vreg *base,
		  s16 off, u64 size, enum access acc, u32 size_var);
/* The stack bytes [*@o, *@o + *@span) of frame *@fr that @size bytes at @off from @base may be. */
int vstack_range(struct venv *env, struct vstate *st, u32 pc, const struct vreg *base,
		 s16 off, u64 size, s64 *o, u64 *span, struct vframe **fr);
/* @size bytes of scalar data written somewhere in [@o, @o + @span) of @fr. */
void vstack_clobber(struct vframe *fr, s64 o, u64 span, u64 size);

/* ---- calls.c ---- */

/* A call of a helper: its arguments, its effects, its result. */
int vcheck_helper_call(struct venv *env, struct vstate *st, u32 pc, const struct sip_insn *insn);

#endif /* _SIPDRV_VCHECK_H */
