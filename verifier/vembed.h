/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The state-embedding oracle (after "Validating the eBPF Verifier via State
 * Embedding", OSDI 2024), for tests. A verification records every abstract
 * state it goes on from, at each instruction (sip_verify_opts.record, with
 * sip_vembed_record); a run of the same program in the checked interpreter
 * then shows each concrete state it passes through (the step hook), and
 * each must lie inside one of the states recorded for its instruction:
 * registers in their types, regions, offsets, intervals and known bits;
 * stack bytes written where the state says so, spills holding what it says;
 * linked scalars (and copies of a pointer) equal; a tested send's result
 * zero exactly when the block went; every owned reference one block the run
 * really holds, with at least size_min bytes; msg->block_size what the
 * state says of it, and the message's block that size; every relation
 * between values (scalars, pointer offsets, blocks' sizes) true of the
 * run's. An unsound fact shows at the first instruction whose state it
 * misdescribes, whether or not an access happens to fault.
 *
 * User space only: the module never records (it is not in Kbuild).
 */
#ifndef _SIPDRV_VEMBED_H
#define _SIPDRV_VEMBED_H

#include "verifier.h"

/* What became of a block the run had in its hands. */
enum sip_vblock_state {
	SIP_VBLOCK_HELD,	/* the run's */
	/*
	 * Taken back by its lender during the run: it reads as size 0 and
	 * cannot be sent, but its memory stays the run's until the run ends
	 * (the runtime's promise the verifier may rely on).
	 */
	SIP_VBLOCK_TAKEN_BACK,
	SIP_VBLOCK_SENT,	/* given to a channel's peer */
	SIP_VBLOCK_GONE,	/* freed, or put in a slot */
};

struct sip_vblock {
	u64 start;
	u64 size;		/* bytes the driver may touch while it is the run's */
	u32 state;		/* enum sip_vblock_state */
};

/* A frame below the current one: its r6..r9, r10 and where it goes on. */
struct sip_vcaller {
	u64 saved[5];
	u32 ret;
};

/* A run's concrete state before the instruction at pc runs. */
struct sip_vconcrete {
	u32 pc;
	u32 depth;				/* frames below the current one */
	const u64 *regs;			/* r0..r11 of the current frame */
	const struct sip_vcaller *callers;	/* [depth] */
	u64 stack_top;				/* the handler's r10 */
	u64 ctx, data, rodata;			/* where its context and private data are */
	const struct sip_msg *msg;		/* a message handler's context, or NULL */
	u32 nr_channels;
	const struct sip_vblock *blocks;	/* every block the run had, at distinct addresses */
	u32 nr_blocks;
};

struct sip_vembed;

/* For @prog (kept: it must outlive the object); NULL when out of memory. */
struct sip_vembed *sip_vembed_new(const struct sip_vprog *prog);
void sip_vembed_free(struct sip_vembed *e);

/* sip_verify_opts.record, with the object as the cookie. */
void sip_vembed_record(void *cookie, u32 pc, const struct vstate *st);

/* False when recording ran out of memory: the oracle cannot judge. */
bool sip_vembed_complete(const struct sip_vembed *e);
/* States recorded, and kept (all of them, unless recording ran out of memory). */
void sip_vembed_counts(const struct sip_vembed *e, u64 *recorded, u64 *kept);

/* Whether the verifier explored instruction @pc (dead code to it otherwise). */
bool sip_vembed_reached(const struct sip_vembed *e, u32 pc);

/* A run begins: no stack byte is written yet. */
void sip_vembed_run_start(struct sip_vembed *e);

/*
 * Checks @c against the states recorded at c->pc (call it before every
 * instruction of a run, in order), then notes what that instruction writes
 * to the stack. 0: inside one of them; -EINVAL, with @why saying where
 * the closest state differs.
 */
int sip_vembed_step(struct sip_vembed *e, const struct sip_vconcrete *c, char *why, u32 size);

/* The states recorded at @pc, one register or slot a line, into @buf. */
int sip_vembed_print(const struct sip_vembed *e, u32 pc, char *buf, u32 size);

#endif /* _SIPDRV_VEMBED_H */
