// SPDX-License-Identifier: GPL-2.0
/*
 * How a SIP's handlers run (see instance.h): the delivery of messages to an
 * instance (direct when it is idle, queued when it is busy), one handler
 * run on its engine, and the interpreter engine. Creation, faults and
 * teardown are in instance.c.
 */
#include "platform.h"
#include "instance_internal.h"

static s64 interp_encode(void *cookie, u32 nr)
{
	(void)cookie;
	if (nr == SIP_HELPER_TRAP)
		return SIP_HELPER__END;
	return nr < SIP_HELPER__END ? (s64)nr : -1;
}

/* ---- the interpreter engine ---- */

static const struct sip_helper_table interp_helpers = {
	.fns = sip_helper_fns,
	.count = SIP_HELPER__END + 1,
};

static int interp_load(struct sip_instance *si, u32 kind, const struct sip_insn *insns, u32 len,
		       const u32 *func_stack, u32 nr_funcs, void **code, struct sip_diag *diag)
{
	(void)si, (void)kind, (void)func_stack, (void)nr_funcs;
	return sip_prog_load_flags(insns, len, SIP_CHECK_AUX_REG, &interp_helpers,
				   (struct sip_prog **)code, diag);
}

static int interp_run(struct sip_instance *si, void *code, struct sip_run *run, void *ctx, u64 *r0)
{
	int ret;

	/* What only the interpreter reads (sip_run_handler sets the rest). */
	run->args[0] = (unsigned long)ctx;
	run->args[1] = run->args[2] = run->args[3] = run->args[4] = 0;
	run->stack = si->stack;
	run->regions = NULL;
	run->nr_regions = 0;
	run->budget = 0;
	run->hidden_slot = false;
	run->r0 = 0;
	run->executed = 0;
	run->fault.kind = 0;
	run->fault.insn = 0;
	run->fault.addr = 0;
	run->fault.size = 0;
	run->fault.code = 0;
	ret = sip_interp_run(code, run);
	*r0 = run->r0;
	return ret;
}

static void interp_unload(void *code)
{
	sip_prog_free(code);
}

const struct sip_engine sip_engine_interp = {
	.name = "interp",
	.load = interp_load,
	.run = interp_run,
	.unload = interp_unload,
	.rewrite_flags = 0,
	.encode_helper = interp_encode,
};

/* ---- running handlers ---- */

/*
 * A run a helper stopped (@ex->reason), or its engine did (the interpreter's
 * checks, a nonzero return): the SIP stops.
 */
static sip_cold s64 run_failed(struct sip_instance *si, struct sip_exec *ex)
{
	char what[128];

	if (ex->reason) {
		sip_stop(si, ex->reason, ex->what);
		return -EFAULT;
	}
	sip_snprintf(what, sizeof(what), "insn %u: %s", ex->run.fault.insn,
		     sip_fault_name(ex->run.fault.kind));
	sip_stop(si, SIP_REASON_EXEC, what);
	return -EFAULT;
}

/*
 * The usual engines: the interpreter, and the one the build that compiles
 * this file in one unit with it names (SIP_ENGINE_RUN: kmod/msgpath.c
 * names the JIT's run), called directly (SIP_INDIRECT_CALL_*). An engine
 * lives in a layer above this one, which names it.
 */
#ifdef SIP_ENGINE_RUN
#define call_engine(f, ...) SIP_INDIRECT_CALL_2(f, SIP_ENGINE_RUN, interp_run, __VA_ARGS__)
#else
#define call_engine(f, ...) SIP_INDIRECT_CALL_1(f, interp_run, __VA_ARGS__)
#endif

/*
 * Runs handler @kind on @ctx (a message handler's: @m, with the message's
 * block), timing it if @timed; returns its r0 (an int), or -EFAULT after a
 * fault.
 */
s64 sip_run_handler(struct sip_instance *si, u32 kind, void *ctx, struct sip_chmsg *m,
		    bool timed, bool direct)
{
	struct sip_exec ex sip_noinit;	/* the fields a run reads are set below */
	/*
	 * Delivered straight, pinned since its send: preemption is off already
	 * (see sip_deliver_fn). Init runs where its caller (loading) may
	 * sleep, unpinned, for sip_grant to allocate: no lent block can reach
	 * it (no message is delivered before init ends, and the slots are
	 * empty). Every other run is pinned: a lender waits those out before
	 * it reuses a block taken back (xheap_revoke), and exit may hold one
	 * it kept in a slot.
	 */
	bool pinned = direct && SIP_PINNED_WAITED_OUT;
	bool sleepable = kind == SIP_ENTRY_INIT;
	u64 t0 = 0, r0 sip_noinit;	/* set by an engine that returns 0 */
	int ret;

	/*
	 * Field by field: a memset (or a compound literal) of the run would
	 * store all of it, every cache line, per message. Only what the helpers
	 * and every engine read: the interpreter's own inputs and outputs are
	 * its wrapper's (interp_run) and its loop's (stop and abort_code:
	 * native code never reads them), and an engine that fails fills the
	 * fault. what[] is written by exec_fail() when it sets reason.
	 */
	ex.reason = 0;
	ex.work = si->manifest.fuel;
	ex.si = si;
	ex.mctx = m;
	ex.taken_ptr = NULL;
	/* Two clock reads cost a quarter of a message round trip: only on request. */
	if (timed)
		t0 = sip_time_ns();
	if (!pinned && !sleepable)
		sip_exec_enter();
	if (!sleepable)
		sip_nest_enter();
	/*
	 * A lent block may have been taken back by its lender since it was
	 * queued (xheap_revoke), and its memory reused: checked inside the
	 * run, which the lender waits out once it has revoked it. A delivery
	 * pinned since its send needs no check: the memory is there until the
	 * run ends (a take-back meanwhile: see taken_back()).
	 */
	if (m && m->block && !pinned && xheap_is_lent(m->block) &&
	    !xheap_held(si->heap, m->block, si->owner)) {
		m->avail = NULL;
		m->ptr = NULL;
		m->block = 0;
		m->size = 0;
	}
	ret = call_engine(si->run, si, si->code[kind], &ex.run, ctx, &r0);
	if (!sleepable)
		sip_nest_exit();
	if (!pinned && !sleepable)
		sip_exec_exit();
	if (kind != SIP_ENTRY_MSG)	/* a message's run is counted in messages */
		si->stats.runs++;
	if (timed)
		si->stats.run_ns += sip_time_ns() - t0;
	if (m && m->avail)	/* not taken: dropped with the message */
		xheap_free(si->heap, si->owner, m->block);
	if (unlikely(ex.reason || ret))
		return run_failed(si, &ex);
	return (s32)r0;
}

/* The message's layout is the handler's (see struct sip_chmsg and instance.h). */
_Static_assert(offsetof(struct sip_chmsg, msg) == 0 &&
	       offsetof(struct sip_chmsg, user) == offsetof(struct sip_msg, chan) &&
	       offsetof(struct sip_chmsg, tag) == offsetof(struct sip_msg, tag) &&
	       offsetof(struct sip_chmsg, args) == offsetof(struct sip_msg, args) &&
	       offsetof(struct sip_chmsg, size) == offsetof(struct sip_msg, block_size) &&
	       offsetof(struct sip_chmsg, avail) == sizeof(struct sip_msg),
	       "a delivered message is a message handler's context");

/*
 * Runs the message handler on @m itself (its user and avail are ours to set);
 * @direct: delivered straight by its sender (sip_instance_deliver).
 */
static void handle(struct sip_instance *si, u32 index, struct sip_chmsg *m, bool direct)
{
	bool timed;
	u64 ns;

	if (si->state != SIP_STATE_RUNNING || !si->code[SIP_ENTRY_MSG]) {
		if (m->block)
			xheap_free(si->heap, si->owner, m->block);
		return;
	}
	m->msg.chan = index;
	m->avail = m->ptr;	/* the channel looked the block up for us */
	if (unlikely(!m->block || !m->ptr)) {	/* none (a close has none) */
		m->msg.tag = m->flags & SIP_CHMSG_CLOSED ? 0 : m->tag;	/* tag 0: the peer closed */
		m->avail = NULL;
		m->ptr = NULL;
		m->block = 0;
		m->size = 0;
	}
	si->stats.messages++;
	/* The msg tracepoint on means timed (sip_time_handlers). */
	timed = sip_time_handlers();
	if (timed) {
		ns = si->stats.run_ns;
		sip_run_handler(si, SIP_ENTRY_MSG, &m->msg, m, true, direct);
		sip_trace_msg(si->name, index, m->msg.tag, (u32)m->size, si->stats.run_ns - ns);
		return;
	}
	sip_run_handler(si, SIP_ENTRY_MSG, &m->msg, m, false, direct);
}

/*
 * Runs one waiting message, taking the channels in turn. Out of line: the
 * direct delivery (sip_instance_deliver) is the hot path.
 */
static sip_noinline void deliver_one(struct sip_instance *si)
{
	u32 n = si->nr_channels, k;

	for (k = 0; k < n; k++) {
		u32 i = si->rr + k;	/* rr <= n, k < n: no division on this path */
		struct sip_chmsg m sip_noinit;	/* filled by a receive that returns 1 */

		if (i >= n)
			i -= n;
		if (!si->chans[i] || sip_channel_recv(si->chans[i], &m) != 1)
			continue;
		si->rr = i + 1;
		handle(si, i, &m, false);
		return;
	}
}

/*
 * How much a sender runs of its receiver. A sender runs an idle receiver's
 * handler on its own stack only while fewer than SIP_NEST_MAX SIP runs are
 * on it, which bounds a run's kernel stack, nested deliveries included
 * (README: "What a driver cannot do"); and it runs at most SIP_DRAIN_BATCH
 * messages of it in a row, so that no sender is kept (preemption off for each run)
 * by a receiver that is never idle, such as a driver connected to itself.
 * Past either, the receiver's work item runs the rest, in batches, where
 * the scheduler can preempt it between runs.
 */
#define SIP_NEST_MAX		2
#define SIP_DRAIN_BATCH		64

static bool may_run_here(void)
{
	return sip_nest_depth() < SIP_NEST_MAX;
}

/*
 * The delivering context is done with its count: it runs what was announced
 * meanwhile, a message per count, until the count is back at 0, or hands
 * that over to the work item after a batch.
 */
void sip_drain(struct sip_instance *si)
{
	u32 n;

	for (n = 0; n < SIP_DRAIN_BATCH; n++) {
		if (sip_atomic_fetch_add32(&si->pending, (u32)-1) == 1)
			return;
		deliver_one(si);
	}
	sip_defer_queue(&si->defer);	/* it owns the count now: see sip_drain_deferred */
}

/* The work item: the runner a sender handed over to, with the count as it was. */
void sip_drain_deferred(struct sip_defer *d)
{
	struct sip_instance *si = (struct sip_instance *)((u8 *)d - offsetof(struct sip_instance, defer));

	sip_resched();
	sip_drain(si);
}

/*
 * A message (or a close) reached one of our channels. Every announcement
 * counts one (and so does a message a claim takes straight, below);
 * whoever brings the count from 0 to 1 runs the instance until it is back
 * at 0, one message per count (or hands over, see sip_drain): an idle instance
 * runs in the sender's context, a busy one finds the message waiting when
 * it is done. A SIP's runs never overlap.
 */
sip_noinline void sip_instance_notify(struct sip_endpoint *ep, void *cookie)
{
	struct sip_instance *si = cookie;

	(void)ep;
	if (sip_atomic_fetch_add32(&si->pending, 1) != 0)
		return;
	if (!may_run_here()) {
		/* Its announcement is the work's first message: it starts by running one. */
		sip_atomic_fetch_add32(&si->pending, 1);
		sip_defer_queue(&si->defer);
		return;
	}
	deliver_one(si);
	sip_drain(si);
}

/*
 * Under the channel's lock (sip_endpoint_set_deliver): an idle SIP becomes
 * the sender's, if the sender may run it here.
 */
bool sip_instance_claim(struct sip_endpoint *ep, void *cookie)
{
	struct sip_instance *si = cookie;

	(void)ep;
	return may_run_here() && sip_atomic_cmpxchg32(&si->pending, 0, 1) == 0;
}

/* A message straight from a sender that claimed the SIP: run it, then what came meanwhile. */
void sip_instance_deliver(struct sip_endpoint *ep, void *cookie, struct sip_chmsg *msg)
{
	struct sip_instance *si = cookie;
	u32 n = si->nr_channels, i = sip_endpoint_user(ep);

	if (i < n && si->chans[i] == ep) {
		handle(si, i, msg, true);	/* (rr is for queued messages: not moved) */
	} else if (msg->block) {	/* not attached (cannot happen): dropped */
		xheap_free(si->heap, si->owner, msg->block);
	}
	/*
	 * The sender's call is pinned (see sip_deliver_fn) for this message:
	 * what came meanwhile runs unpinned, each run pinned on its own, so
	 * that a long drain does not hold preemption off throughout.
	 */
	if (sip_atomic_fetch_add32(&si->pending, (u32)-1) != 1) {
		sip_unpin();
		deliver_one(si);
		sip_drain(si);
		sip_pin();
	}
}
