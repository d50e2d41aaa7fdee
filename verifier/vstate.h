/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The verifier's abstract state: what is known about every register, stack
 * byte and owned block at one point of one path. Internal to verifier/.
 * SOUNDNESS.md says, field by field, what each promises and how pruning
 * and widening must compare it: a field added here needs a line there, a
 * comparison in vstate_covers()/vstate_same_shape() and a test.
 */
#ifndef _SIPDRV_VSTATE_H
#define _SIPDRV_VSTATE_H

#include "tnum.h"
#include "verifier.h"

#define S64_MIN_ ((s64)(1ull << 63))
#define S64_MAX_ ((s64)~(1ull << 63))
#define U64_MAX_ (~0ull)
#define U32_MAX_ 0xffffffffull

#define VREG_AUX 11		/* the rewriter's fuel register */
#define VPTR_OFF_MAX (1ll << 31)	/* pointer offsets beyond this are refused: twice a block's size */
#define VNR_REGS 12
#define VMAX_SLOTS ((SIP_STACK_SIZE + SIP_STACK_FRAME_EXTRA) / 8)
#define VMAX_REFS 32
#define VMAX_RELS 96		/* relations one state keeps (rel.c) */
#define VBLOCK_MAX (1ull << 30)	/* no block has more bytes (xheap's limit is lower) */
/*
 * The value of msg->block_size, one for the whole run: the relational
 * variable every read of the field and the message's block share.
 */
#define VID_MSG_SIZE 1

enum vtype {
	VT_NOT_INIT,
	VT_SCALAR,
	VT_CTX,			/* the handler's context: off is the offset */
	VT_STACK,		/* a frame's stack: offset from its r10 */
	VT_DATA,		/* writable private data */
	VT_RODATA,		/* read-only private data */
	VT_BLOCK,		/* an owned exchange block (id: its reference) */
	VT_BLOCK_OR_NULL,	/* a block or NULL, not yet checked */
	VT_CHAN,		/* a channel handle */
	VT_GONE,		/* a block pointer whose block was given up (see enum vgone) */
	VT__COUNT
};

/*
 * A register. Scalars use all of var/smin/smax/umin/umax; pointers keep their
 * offset range in smin..smax (inclusive) and nothing else. id links copies:
 * for blocks it is the reference, for scalars it marks registers holding the
 * same value (refining one refines all, and ties a send result to its
 * block) and names the value in relations (rel.c); oid names a pointer's
 * offset there, shared by its copies.
 */
struct vreg {
	u8 type;
	u8 frameno;		/* VT_STACK: the frame it points into */
	u16 chans;		/* VT_CHAN: the manifest channels it may be, a bit each */
	u32 id;
	u32 zid;		/* scalars: zero exactly when send result zid is zero */
	u32 oid;		/* pointers: the offset's relational variable, or 0 */
	struct tnum var;
	s64 smin, smax;
	u64 umin, umax;
};

/* VT_GONE: why (in umin) and where (smin) the block was given up. */
enum vgone {
	VGONE_FREED = 1,
	VGONE_SENT,
	VGONE_SLOT,
};

enum vbyte {
	VB_INVALID,		/* never written: reading it is an error */
	VB_MISC,		/* written with scalar bytes */
	VB_SPILL,		/* part of a spilled register (all 8 bytes) */
};

/* 8 bytes of stack: slot i covers r10 - 8 * (i + 1) .. r10 - 8 * i - 1. */
struct vslot {
	u8 bytes[8];		/* enum vbyte */
	struct vreg spill;	/* valid when every byte is VB_SPILL */
};

struct vframe {
	struct vreg regs[VNR_REGS];
	u32 callsite;		/* the call that made this frame (not frame 0) */
	u32 func;		/* index of the function it runs */
	u32 nr_slots;		/* slots tracked; deeper ones are VB_INVALID */
	struct vslot slots[];	/* allocated for nr_slots */
};

enum vref_state {
	VREF_OWNED,
	VREF_PENDING,		/* passed to sip_send: owned unless it returned 0 */
};

struct vref {
	u32 id;
	u8 state;		/* enum vref_state */
	u8 pad[3];
	u32 pending_id;		/* PENDING: the zid of the send's result */
	u32 sent_at;		/* PENDING: the sip_send instruction */
	/*
	 * The relational variable of the bytes the block has mapped until the
	 * run ends (VID_MSG_SIZE for the message's block): every size read
	 * of it is at most that, and an access must end within it.
	 */
	u32 mid;
	u64 size_min;		/* bytes known to exist in the block: mid's lower bound */
	u32 acquired_at;	/* instruction that made it ours */
};

/*
 * A relation: val(a) - val(b) <= c between nodes, a node being a relational
 * variable's value (var << 1) or its negation (var << 1 | 1), in signed
 * 64-bit arithmetic that never wraps (rel.c adds one only where no operand
 * can). Stored once for (a, b) and its mirror (b ^ 1, a ^ 1).
 */
struct vrel {
	u32 a, b;
	s64 c;
};

/*
 * A read of read-only data at a variable offset: the scalar of id @id holds
 * the @size bytes (sign-extended if @sign) at val(@oid) + @off, for as long
 * as anything holds it (the data never changes). A test of that scalar
 * narrows the offset to where the data matches (a NUL ends a string walk).
 * id 0: none.
 */
struct vrload {
	u32 id, oid;
	s32 off;
	u8 size, sign;
	u8 pad[2];
};

struct vpath;
struct venv;
struct vstored;

struct vstate {
	u32 nr_frames;
	u32 nr_refs;
	u32 pc;			/* when queued: where it resumes */
	u32 branches;		/* path bookkeeping: unused by comparison */
	struct vpath *path;	/* verbose: how we got here */
	struct vstored *anc;	/* the newest state kept on this path (exploration only) */
	struct vframe *frames[SIP_MAX_CALL_DEPTH];
	u64 msg_min;		/* msg->block_size is at least this (VID_MSG_SIZE's lower bound) */
	struct vrload rl;	/* the newest read of read-only data at a variable offset */
	u32 nr_rels, cap_rels;
	struct vrel *rels;	/* closed: every relation a chain of them implies is there */
	/*
	 * Last: a kept state is allocated with only the nr_refs it has
	 * (vstate_keep()), and copies stop after them.
	 */
	struct vref refs[VMAX_REFS];
};

/* state.c */
struct venv;
struct vstate *vstate_new(struct venv *env);
struct vstate *vstate_copy(struct venv *env, const struct vstate *st);
/*
 * A copy to keep for comparisons and widening until the run ends: it can
 * never own another block or track another slot, and only
 * vstate_free_kept() frees it.
 */
struct vstate *vstate_keep(struct venv *env, const struct vstate *st);
void vstate_free_kept(struct venv *env, struct vstate *st);
void vstate_free(struct venv *env, struct vstate *st);
/* dst := a copy of src (dst's path stays); -ENOMEM. */
int vstate_assign(struct venv *env, struct vstate *dst, const struct vstate *src);
struct vframe *vframe_new(struct venv *env);
/* Makes frames[frameno] track at least nr slots (reallocating it). */
int vframe_grow(struct venv *env, struct vstate *st, u32 frameno, u32 nr);
bool vstate_covers(struct venv *env, const struct vstate *old, const struct vstate *cur);
bool vstate_same_shape(const struct vstate *a, const struct vstate *b);
u32 vstate_distance(const struct vstate *a, const struct vstate *b);
/* Values a widened bound may stop at (sorted), before giving up to infinity. */
struct vthresholds {
	const s64 *v;
	u32 n;
};
/* old := a state covering old and cur; 1 if old already did, 0, or -ENOMEM. */
int vstate_widen(struct venv *env, struct vstate *old, const struct vstate *cur);
int vreg_print(const struct vreg *r, char *buf, u32 size);

/* scalar.c */
void vreg_unknown(struct vreg *r);
void vreg_const(struct vreg *r, u64 v);
void vreg_not_init(struct vreg *r);
bool vreg_is_const(const struct vreg *r);
bool vreg_sync(struct vreg *r);		/* false: no value fits (infeasible) */
void vreg_bounded(struct vreg *r, u8 bytes, bool sign);
void vreg_zext32(struct vreg *r);
bool vreg_scalar_covers(const struct vreg *old, const struct vreg *cur);
void vreg_scalar_widen(struct vreg *old, const struct vreg *cur, const struct vthresholds *th);
/* dst = dst op src for scalars; op is an ALU op of isa.h; alu32 for 32-bit forms. */
void vreg_alu(struct vreg *dst, const struct vreg *src, u8 op, bool alu32, s16 off);
/* Outcome of comparing a with b: 1 taken, 0 not taken, -1 unknown. */
int vreg_branch_known(const struct vreg *a, const struct vreg *b, u8 op, bool jmp32);
/* Refines a and b knowing that (a op b) is taken (or not); false: infeasible. */
bool vreg_refine(struct vreg *a, struct vreg *b, u8 op, bool jmp32, bool taken);
/* The comparison that holds when op does not. */
u8 vreg_negate(u8 op);

/* rel.c: relations between values (struct vrel) */
int vrel_env_init(struct venv *env);
/* The relational variable of a register: a scalar's id, a pointer's oid (0: none). */
u32 vreg_var(const struct vreg *r);
/* The bound the store keeps on val(a) - val(b) (S64_MAX_: none). */
s64 vrel_bound(const struct vstate *st, u32 a, u32 b);
bool vrel_mentions(const struct vstate *st, u32 var);
/* val(a) - val(b) <= c, closed over the store; false: infeasible. */
bool vrel_add(struct venv *env, struct vstate *st, u32 a, u32 b, s64 c);
bool vrel_add_range(struct venv *env, struct vstate *st, u32 y, u32 x, s64 lo, s64 hi);
/* Narrows intervals (and blocks' size_min) to what relations imply; false: infeasible. */
bool vrel_reduce(struct venv *env, struct vstate *st);
/* Drops relations about values nothing holds, or that intervals imply. */
void vrel_gc(struct venv *env, struct vstate *st);
int vrel_copy(struct venv *env, struct vstate *dst, const struct vstate *src);
void vrel_free(struct venv *env, struct vstate *st);
/* Does cur meet every relation of old, place by place? @pair: old's refs to cur's. */
bool vrel_covers(struct venv *env, const struct vstate *old, const struct vstate *cur,
		 const u8 *pair);
/* Widening: prepare before old's intervals widen, finish after. */
void vrel_widen_prepare(struct venv *env, const struct vstate *old, const struct vstate *cur,
			const u8 *pair);
int vrel_widen_finish(struct venv *env, struct vstate *old);
void vrel_alu(struct venv *env, struct vstate *st, struct vreg *dst, const struct vreg *in,
	      const struct vreg *s, u8 op, bool alu32);
void vrel_ptr_add(struct venv *env, struct vstate *st, struct vreg *res, const struct vreg *p,
		  struct vreg *s, bool sub, bool name_s);
bool vrel_branch(struct venv *env, struct vstate *st, struct vreg *a, struct vreg *b, u8 op,
		 bool jmp32, bool ptr);
/* A register's relational variable, given one if it had none (0: a constant). */
u32 vrel_name(struct venv *env, struct vreg *r);
/* What the relations and places say of variable @var; false: nothing. */
bool vrel_var_bounds(struct venv *env, const struct vstate *st, u32 var, s64 *lo, s64 *hi);
/* Variable @var is within [lo, hi]: narrows every interval; false: infeasible. */
bool vrel_narrow(struct venv *env, struct vstate *st, u32 var, s64 lo, s64 hi);

#endif /* _SIPDRV_VSTATE_H */
