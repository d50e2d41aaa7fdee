/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The sipdrv verifier: proves, for every path of one handler, that its code
 * is well formed, reads nothing uninitialised, touches memory only inside
 * the region each pointer refers to, leaks no pointer, calls helpers with
 * the types their prototypes ask for, and owns exchange-heap blocks the way
 * Singularity's exchange heap requires (a block is usable only while owned,
 * every copy dies when it is sent or freed, none is still owned at the end
 * of a handler unless kept in a slot). Portable: runs in sipdrv.ko at load
 * and in user space for `sipctl verify`.
 */
#ifndef _SIPDRV_VERIFIER_H
#define _SIPDRV_VERIFIER_H

#include <sipdrv/abi.h>
#include <sipdrv/contracts.h>
#include <sipdrv/isa.h>
#include "insn.h"

/* sip_vprog.kind for a bare program (sipctl verify --raw): r1 is an unknown
 * scalar, the stack and local calls may be used, helpers may not. */
#define SIP_VKIND_RAW SIP_ENTRY__COUNT

enum sip_vprog_flags {
	/* The rewriter's output: r11 (fuel) and the hidden stack slot below
	 * each frame are in use, and the internal trap helper may be called. */
	SIP_VF_REWRITTEN = 1 << 0,
};

/*
 * A manifest channel as the verifier sees it: a send with a constant tag
 * that the driver's side of the contract never sends is refused before the
 * driver runs (whether the contract's state allows it is the run time's).
 */
struct sip_vchan {
	const char *contract;		/* its name, for messages */
	const char *const *tag_names;	/* by tag; NULL: a contract this kernel lacks */
	u32 nr_tags;			/* tags are 1 .. nr_tags - 1 */
	u32 side;			/* the driver's end: enum sip_side */
	u32 sends;			/* bit t: the driver's side may send tag t */
};

/* One handler to verify. */
struct sip_vprog {
	const struct sip_insn *insns;
	u32 len;
	u32 kind;			/* enum sip_entry_kind or SIP_VKIND_RAW */
	u32 flags;			/* enum sip_vprog_flags */
	u32 data_size;			/* writable private data (SIP_PSEUDO_DATA) */
	u32 rodata_size;		/* read-only private data (SIP_PSEUDO_RODATA) */
	/*
	 * The read-only data's bytes (rodata_size of them), which stay the
	 * same while the SIP lives: what a constant pointer into them reads
	 * (a format string) is known. NULL: not known.
	 */
	const u8 *rodata;
	u32 nr_slots;			/* manifest: block slots */
	u32 nr_channels;		/* manifest: channels */
	struct sip_vchan chans[SIP_MAX_CHANNELS];	/* zero: no tag may be sent */
	/* Source position of an instruction for messages; may be NULL. */
	const char *(*line_of)(const void *cookie, u32 insn, u32 *line);
	const void *cookie;
};

struct vstate;

struct sip_verify_opts {
	u64 max_processed;	/* instructions explored (0: SIP_VERIFY_MAX_PROCESSED) */
	u32 max_states;		/* states kept for pruning (0: SIP_VERIFY_MAX_STATES) */
	char *log;		/* verbose: the failing path with register states */
	u32 log_size;
	/*
	 * Tests only (the state-embedding oracle, vembed.h): called with every
	 * state the verifier goes on from, before the instruction at @pc runs
	 * in it, and with NULL for an instruction verified together with the
	 * one before it (a narrowing pair that changes nothing).
	 */
	void (*record)(void *cookie, u32 pc, const struct vstate *st);
	void *record_cookie;
};

#define SIP_VERIFY_MAX_PROCESSED	(1ull << 20)
#define SIP_VERIFY_MAX_STATES		(1u << 16)
#define SIP_VERIFY_MAX_INSNS		(1u << 20)	/* program length */
#define SIP_VERIFY_MAX_FUNCS		64

struct sip_verify_stats {
	u64 processed;		/* instructions explored, over all paths */
	u32 states;		/* states stored for pruning */
	u32 pruned;		/* paths cut short by pruning */
	u32 widened;		/* loop heads widened */
	u32 nr_funcs;		/* the handler and its local functions */
	u32 func_start[SIP_VERIFY_MAX_FUNCS];
	u32 stack_depth[SIP_VERIFY_MAX_FUNCS];	/* bytes of stack each uses */
	u64 peak_bytes;		/* memory the verifier held at most */
};

/*
 * Verifies one handler. Returns 0 when every path is safe; -EINVAL with
 * @diag naming the first unsafe instruction and why ("insn N (file:line):
 * ..." is the caller's to format from diag->insn); -E2BIG when a limit was
 * reached; -ENOMEM. @opts and @stats may be NULL.
 */
int sip_verify(const struct sip_vprog *prog, const struct sip_verify_opts *opts,
	       struct sip_verify_stats *stats, struct sip_diag *diag);

/* "insn N (file.c:LINE): msg" or "insn N: msg" into buf. */
int sip_verify_format(const struct sip_vprog *prog, const struct sip_diag *diag,
		      char *buf, u32 size);

#endif /* _SIPDRV_VERIFIER_H */
