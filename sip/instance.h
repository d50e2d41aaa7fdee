/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SIP instances: a verified driver image brought to life. An instance owns
 * its private memory (the data image), its blocks in the exchange heap
 * (through an owner id with the manifest's quota), its block slots, and one
 * endpoint per manifest channel. Messages reaching an idle instance run its
 * handler at once, in the sender's context; reaching a busy one, they queue
 * and are run in order by whoever is running it. A fault (a helper refusing
 * to go on, a contract violation, fuel spent, an abort) stops the instance:
 * its channels close, its blocks are reclaimed, and nothing else is hurt.
 *
 * Portable: the kernel module and user-space programs (tests, sipdrv-host)
 * use it alike; how handlers execute is an engine (the interpreter here, the
 * kernel's JIT in kmod/).
 */
#ifndef _SIPDRV_INSTANCE_H
#define _SIPDRV_INSTANCE_H

#include <sipdrv/abi.h>
#include "channel.h"
#include "image_parse.h"
#include "interp.h"

struct sip_instance;

/*
 * A message handler's r1 is the delivered message itself (struct
 * sip_chmsg): the driver's view of it (struct sip_msg, all the verifier
 * lets it read), then the runtime's: avail, the message's block, offered
 * until sip_msg_block takes it; ptr and block, the block taken or not.
 * Taking it is "r0 = avail; avail = NULL", which the JIT engine inlines in
 * place of the helper call (a call and a return saved per message).
 */

enum sip_state {
	SIP_STATE_LOADING,
	SIP_STATE_RUNNING,
	SIP_STATE_FAULTED,	/* stopped by a fault; waiting to be recovered or unloaded */
	SIP_STATE_STOPPED,	/* unloaded */
};

/* Why an instance stopped. */
enum sip_fault_reason {
	SIP_REASON_NONE,
	SIP_REASON_EXEC,	/* the engine faulted (see fault_kind) */
	SIP_REASON_FUEL,	/* a handler ran out of fuel */
	SIP_REASON_ABORT,	/* the driver called sip_abort() */
	SIP_REASON_CONTRACT,	/* it violated a channel's contract */
	SIP_REASON_HELPER,	/* a helper was given something the verifier should have refused */
	SIP_REASON_INIT,	/* its init handler returned an error */
};

/*
 * Room in an instance for an engine's words about one handler (the JIT: its
 * entry point): a run reads them next to the rest of the instance, not in
 * an allocation of the engine's own, which would be one more page per
 * message. Zero until the engine writes them; the engine's load may
 * return the slot itself as the handler's code.
 */
#define SIP_ENGINE_SLOT_BYTES	32
void *sip_instance_engine_slot(struct sip_instance *si, u32 kind);

/* One way to execute handlers. */
struct sip_engine {
	const char *name;
	/* Takes the rewritten, relocated code of one handler; returns a handle or an ERR. */
	int (*load)(struct sip_instance *si, u32 kind, const struct sip_insn *insns, u32 len,
		    const u32 *func_stack, u32 nr_funcs, void **code, struct sip_diag *diag);
	/* Runs it on @ctx; 0 with *r0, or -EFAULT with run->fault set. */
	int (*run)(struct sip_instance *si, void *code, struct sip_run *run, void *ctx, u64 *r0);
	void (*unload)(void *code);
	u32 rewrite_flags;	/* enum sip_rewrite_flags the engine needs */
	/* How a helper call is encoded for it (NULL: the helper number). */
	s64 (*encode_helper)(void *cookie, u32 nr);
};

extern const struct sip_engine sip_engine_interp;

/*
 * The helpers' C functions, indexed by helper number, the trap right after
 * the last one (SIP_HELPER__END): what engines call.
 */
const sip_helper_fn *sip_helper_functions(void);

/*
 * Budgets are the kernel's to set: these are the ceilings. A manifest may
 * ask for less (its 0 means the ceiling), never more: a load asking for
 * more is refused, saying which and what the ceiling is.
 */
struct sip_limits {
	u64 fuel;		/* instructions a handler run may take (rewrite.h) */
	u32 max_blocks;		/* exchange-heap blocks a SIP may hold at once */
	u64 max_bytes;		/* and their bytes (as the heap charges them) */
	u64 grant_bytes;	/* granted memory (sip_grant) one SIP may have */
};

/*
 * Granted memory, all SIPs together: what one creator (the module) allows,
 * charged when a SIP's grant is made, given back when it is freed.
 */
struct sip_grant_pool {
	u64 limit;		/* bytes */
	u64 used;		/* atomic */
};

/* The ceilings when nothing else is said (user space, tests). */
#define SIP_DEFAULT_FUEL	(1ull << 22)
#define SIP_DEFAULT_MAX_BLOCKS	4096
#define SIP_DEFAULT_MAX_BYTES	(16ull << 20)
#define SIP_DEFAULT_GRANT	(256ull << 20)

struct sip_instance_opts {
	const struct sip_engine *engine;
	struct xheap *heap;
	const struct sip_limits *limits;	/* NULL: the SIP_DEFAULT_ ones */
	struct sip_grant_pool *grants;		/* NULL: only limits->grant_bytes applies */
	const char *const *params;	/* "name=value" strings, NULL-terminated (may be NULL) */
	/* Where sip_log() output goes (NULL: discarded). */
	void (*log)(struct sip_instance *si, const char *text, u32 len);
	void *cookie;			/* the creator's: sip_instance_cookie() */
};

struct sip_instance_stats {
	u64 messages;		/* handler runs for messages */
	u64 runs;		/* handler runs of any kind */
	u64 run_ns;		/* time spent in handlers */
	u64 sends, send_errors;
	u64 faults;
	u32 blocks, hw_blocks;	/* exchange-heap blocks held, most held */
	u64 bytes, hw_bytes;
	u64 allocs, frees;
};

/*
 * Verifies every handler of @view (whatever was verified before: this is
 * where trust starts), checks the manifest's contracts and @opts->params,
 * rewrites and loads the handlers, and sets up private memory, slots and
 * the heap owner. Does not run init (sip_instance_start does). Returns 0 with
 * *out, or a negative errno with @msg saying why ("insn N (file.c:LINE):
 * ..." for verifier refusals).
 */
int sip_instance_create(const struct sip_image_view *view, const struct sip_instance_opts *opts,
			struct sip_instance **out, char *msg, u32 msg_size);

/* Runs init (after the channels are attached). 0, or the fault / init error. */
int sip_instance_start(struct sip_instance *si);
/* The notify, claim and delivery functions of a SIP's channel ends (set by sip_instance_attach). */
void sip_instance_notify(struct sip_endpoint *ep, void *cookie);
bool sip_instance_claim(struct sip_endpoint *ep, void *cookie);
void sip_instance_deliver(struct sip_endpoint *ep, void *cookie, struct sip_chmsg *msg);

/*
 * Plugs channel @index (manifest order) of the instance into @ep, the
 * driver's end of a channel created with the instance's owner id on that
 * side (sip_instance_owner). The instance closes it when it stops.
 */
int sip_instance_attach(struct sip_instance *si, u32 index, struct sip_endpoint *ep);

/* Stops the instance (runs exit if it is healthy), closes its channels, frees all. */
void sip_instance_destroy(struct sip_instance *si);

u32 sip_instance_owner(const struct sip_instance *si);
const char *sip_instance_name(const struct sip_instance *si);
const struct sip_manifest *sip_instance_manifest(const struct sip_instance *si);
enum sip_state sip_instance_state(const struct sip_instance *si);
void *sip_instance_cookie(const struct sip_instance *si);
void sip_instance_stats(struct sip_instance *si, struct sip_instance_stats *st);
/* Why it faulted: reason, and a sentence ("insn 12: memory access ..."). */
enum sip_fault_reason sip_instance_fault(const struct sip_instance *si, const char **what);

/* Instances alive (leak checks in tests and at module unload). */
u32 sip_instances_alive(void);

#endif /* _SIPDRV_INSTANCE_H */
