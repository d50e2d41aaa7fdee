/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the instance's files share: an instance's fields (instance.c makes
 * and stops it, deliver.c runs it, helpers.c serves the calls its handlers
 * make) and the state of one handler run. Private to sip/: everything else
 * goes through instance.h.
 */
#ifndef _SIPDRV_INSTANCE_INTERNAL_H
#define _SIPDRV_INSTANCE_INTERNAL_H

#include "platform.h"
#include "instance.h"

#define SIP_PREFIX_LEN		(SIP_NAME_LEN + 8)

struct sip_instance {
	/* What every message reads first, together (a few cache lines). */
	u32 state;			/* enum sip_state */
	u32 pending;			/* deliveries announced and not yet run */
	u32 rr;				/* next channel to look at */
	u32 owner;
	u32 nr_channels;		/* manifest.nr_channels */
	/* engine->run, kept here: a run reads no engine table (another page) */
	int (*run)(struct sip_instance *si, void *code, struct sip_run *run, void *ctx, u64 *r0);
	struct xheap *heap;
	void *code[SIP_ENTRY__COUNT];
	u64 engine_slot[SIP_ENTRY__COUNT][SIP_ENGINE_SLOT_BYTES / 8];
	struct sip_endpoint *chans[SIP_MAX_CHANNELS];
	struct sip_instance_stats stats;	/* runs: other handlers' (see sip_instance_stats) */
	/* The rest. */
	const struct sip_engine *engine;
	u8 *data;
	u8 *rodata;
	u32 data_size, rodata_size;
	sip_handle_t *slots;
	u32 reason;			/* enum sip_fault_reason */
	void *stack;			/* SIP_RUN_STACK_BYTES: one run at a time */
	struct sip_defer defer;		/* runs what a sender must not (see sip_drain) */
	bool started;			/* sip_instance_start ran: a runner may be about */
	u8 *grant;			/* granted memory (sip_grant), or NULL */
	u64 grant_size;
	struct sip_limits limits;	/* the kernel's ceilings, as given at creation */
	char refusal[128];		/* the last budget a helper refused, for init's failure */
	struct sip_grant_pool *grants;	/* what grants are charged to, or NULL */
	void (*log)(struct sip_instance *si, const char *text, u32 len);
	void *cookie;
	struct sip_init_ctx init_ctx;
	char name[SIP_NAME_LEN];
	char prefix[SIP_PREFIX_LEN];	/* "sip NAME" for the log */
	struct sip_manifest manifest;
	char what[192];
};

/* One handler run: what the helpers it calls need. */
struct sip_exec {
	struct sip_run run;		/* first: helpers find it from sip_run_current() */
	struct sip_instance *si;
	struct sip_chmsg *mctx;	/* a message handler's context (NULL: other entries) */
	void *taken_ptr;		/* the block last taken from a slot (sip_slot_xchg), */
	sip_handle_t taken;		/* and its handle: found without a lookup */
	u64 work;			/* helper fuel left: see helpers.c's work_ok() */
	u32 reason;			/* set by a helper that stops the instance */
	bool may_sleep;			/* init: helpers may wait for memory */
	char what[128];
};

/* The helpers' C functions, by helper number; the trap right after the last. */
extern const sip_helper_fn sip_helper_fns[SIP_HELPER__END + 1];

/* A line for the kernel log from the runtime, about @si ("sip NAME: ..."). */
void sip_instance_log(struct sip_instance *si, const char *fmt, ...) __printf(2, 3);

/*
 * Stops @si for @reason, @what saying why: its channels close and its
 * blocks go back; a fault after the first changes nothing (instance.c).
 */
void sip_stop(struct sip_instance *si, u32 reason, const char *what);

/*
 * Runs handler @kind on @ctx (a message handler's: @m, with the message's
 * block), timing it if @timed, @direct when delivered straight by its
 * sender; returns its r0 (an int), or -EFAULT after a fault (deliver.c).
 */
s64 sip_run_handler(struct sip_instance *si, u32 kind, void *ctx, struct sip_chmsg *m,
		    bool timed, bool direct);
/* Runs what was announced to @si meanwhile, or hands it to its work item (deliver.c). */
void sip_drain(struct sip_instance *si);
/* The work item's function: sip_drain from a work queue (deliver.c). */
void sip_drain_deferred(struct sip_defer *d);

/* Gives back granted memory charged to @pool (NULL: none). */
void sip_grant_uncharge(struct sip_grant_pool *pool, u64 bytes);

#endif /* _SIPDRV_INSTANCE_INTERNAL_H */
