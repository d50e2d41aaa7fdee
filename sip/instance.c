// SPDX-License-Identifier: GPL-2.0
/*
 * SIP instances (see instance.h): creation from a verified image, message
 * delivery (direct when idle, queued when busy), the interpreter engine,
 * faults and teardown. The helpers drivers call are in helpers.c.
 */
#include "platform.h"
#include "instance_internal.h"
#include "image_verify.h"
#include "rewrite.h"
#include "verifier.h"

static const struct sip_limits default_limits = {
	.fuel = SIP_DEFAULT_FUEL,
	.max_blocks = SIP_DEFAULT_MAX_BLOCKS,
	.max_bytes = SIP_DEFAULT_MAX_BYTES,
	.grant_bytes = SIP_DEFAULT_GRANT,
};

static u32 alive;

void *sip_instance_engine_slot(struct sip_instance *si, u32 kind)
{
	return kind < SIP_ENTRY__COUNT ? si->engine_slot[kind] : NULL;
}

u32 sip_instances_alive(void)
{
	return sip_atomic_fetch_add32(&alive, 0);
}


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

	/* What only the interpreter reads (run_handler sets the rest). */
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

/* ---- stopping ---- */

void sip_instance_log(struct sip_instance *si, const char *fmt, ...)
{
	char text[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = sip_vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	sip_log_text(si->prefix, text, n < (int)sizeof(text) ? (u32)n : sizeof(text) - 1);
}

/* Closes the channels and gives back every block; the instance runs no more. */
static void teardown(struct sip_instance *si)
{
	u32 i;

	for (i = 0; i < SIP_MAX_CHANNELS; i++) {
		struct sip_endpoint *ep = si->chans[i];

		si->chans[i] = NULL;
		if (ep)
			sip_endpoint_close(ep);
	}
	if (si->slots)
		memset(si->slots, 0, sizeof(*si->slots) * si->manifest.nr_slots);
	xheap_reclaim_all(si->heap, si->owner);
}

static sip_noinline void fault(struct sip_instance *si, u32 reason, const char *what)
{
	if (si->state != SIP_STATE_RUNNING && si->state != SIP_STATE_LOADING)
		return;
	si->state = SIP_STATE_FAULTED;
	si->reason = reason;
	si->stats.faults++;
	sip_snprintf(si->what, sizeof(si->what), "%s", what);
	sip_instance_log(si, "stopped: %s", what);
	sip_trace_fault(si->name, reason, si->what);
	teardown(si);
}

/* ---- running handlers ---- */

/*
 * A run a helper stopped (@ex->reason), or its engine did (the interpreter's
 * checks, a nonzero return): the SIP stops.
 */
static sip_cold s64 run_failed(struct sip_instance *si, struct sip_exec *ex)
{
	char what[128];

	if (ex->reason) {
		fault(si, ex->reason, ex->what);
		return -EFAULT;
	}
	sip_snprintf(what, sizeof(what), "insn %u: %s", ex->run.fault.insn,
		     sip_fault_name(ex->run.fault.kind));
	fault(si, SIP_REASON_EXEC, what);
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
static s64 run_handler(struct sip_instance *si, u32 kind, void *ctx, struct sip_chmsg *m,
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
	 * Field by field: a memset (or a compound literal) of the run is a rep
	 * stos, slow under QEMU's TCG, once per message. Only what the helpers
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
		run_handler(si, SIP_ENTRY_MSG, &m->msg, m, true, direct);
		sip_trace_msg(si->name, index, m->msg.tag, (u32)m->size, si->stats.run_ns - ns);
		return;
	}
	run_handler(si, SIP_ENTRY_MSG, &m->msg, m, false, direct);
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
static void drain(struct sip_instance *si)
{
	u32 n;

	for (n = 0; n < SIP_DRAIN_BATCH; n++) {
		if (sip_atomic_fetch_add32(&si->pending, (u32)-1) == 1)
			return;
		deliver_one(si);
	}
	sip_defer_queue(&si->defer);	/* it owns the count now: see drain_deferred */
}

/* The work item: the runner a sender handed over to, with the count as it was. */
static void drain_deferred(struct sip_defer *d)
{
	struct sip_instance *si = (struct sip_instance *)((u8 *)d - offsetof(struct sip_instance, defer));

	sip_resched();
	drain(si);
}

/*
 * A message (or a close) reached one of our channels. Every announcement
 * counts one (and so does a message a claim takes straight, below);
 * whoever brings the count from 0 to 1 runs the instance until it is back
 * at 0, one message per count (or hands over, see drain): an idle instance
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
	drain(si);
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
		drain(si);
		sip_pin();
	}
}

/* ---- creation ---- */

static int parse_u64(const char *s, u64 *out)
{
	u64 v = 0;
	int base = 10, d;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!*s)
		return -EINVAL;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			return -EINVAL;
		if (v > (~0ull - d) / base)
			return -ERANGE;
		v = v * base + d;
	}
	*out = v;
	return 0;
}

static int set_params(struct sip_instance *si, const char *const *params, char *msg, u32 size)
{
	const struct sip_manifest *m = &si->manifest;
	u32 i;

	for (i = 0; i < m->nr_params; i++)
		si->init_ctx.params[i] = m->params[i].def;
	for (; params && *params; params++) {
		const char *eq = strchr(*params, '=');
		u64 v;

		for (i = 0; eq && i < m->nr_params; i++)
			if (strlen(m->params[i].name) == (u32)(eq - *params) &&
			    !strncmp(m->params[i].name, *params, eq - *params))
				break;
		if (!eq || i == m->nr_params) {
			sip_snprintf(msg, size, "unknown parameter '%s' (%s takes %u)", *params,
				     m->name, m->nr_params);
			return -EINVAL;
		}
		if (parse_u64(eq + 1, &v)) {
			sip_snprintf(msg, size, "parameter %s: '%s' is not a number", m->params[i].name,
				     eq + 1);
			return -EINVAL;
		}
		if (v < m->params[i].min || (m->params[i].max && v > m->params[i].max)) {
			sip_snprintf(msg, size, "parameter %s: %llu is outside %llu..%llu",
				     m->params[i].name, v, m->params[i].min, m->params[i].max);
			return -ERANGE;
		}
		si->init_ctx.params[i] = v;
	}
	return 0;
}

/*
 * The manifest's budgets against the kernel's ceilings: a 0 becomes the
 * ceiling, anything above it refuses the load.
 */
static int check_budget(u64 *asked, u64 ceiling, const char *what, const char *unit, char *msg,
			u32 size)
{
	if (!ceiling) {
		/* 0 would mean no limit to the heap's quotas: a ceiling of 0 allows nothing. */
		sip_snprintf(msg, size, "the kernel's ceiling for %s is 0%s: no SIP may load",
			     what, unit);
		return -EDQUOT;
	}
	if (!*asked) {
		*asked = ceiling;
		return 0;
	}
	if (*asked <= ceiling)
		return 0;
	sip_snprintf(msg, size, "the manifest asks for %s of %llu%s, above the kernel's ceiling of %llu%s: ask for less",
		     what, *asked, unit, ceiling, unit);
	return -EDQUOT;
}

static int check_budgets(struct sip_manifest *m, const struct sip_limits *l, char *msg, u32 size)
{
	u64 blocks = m->max_blocks;
	int ret;

	ret = check_budget(&m->fuel, l->fuel, "fuel", " instructions per run", msg, size);
	if (!ret)
		ret = check_budget(&blocks, l->max_blocks, "an exchange-heap quota", " blocks", msg,
				   size);
	if (!ret)
		ret = check_budget(&m->max_bytes, l->max_bytes, "an exchange-heap quota", " bytes",
				   msg, size);
	m->max_blocks = (u32)blocks;
	return ret;
}

static int check_contracts(const struct sip_manifest *m, char *msg, u32 size)
{
	u32 i;

	for (i = 0; i < m->nr_channels; i++) {
		const struct sip_contract *c = sip_contract_find(m->chans[i].contract);

		if (!c) {
			sip_snprintf(msg, size, "channel %u (%s): unknown contract '%s'", i,
				     m->chans[i].name, m->chans[i].contract);
			return -EINVAL;
		}
		if (c->hash != m->chans[i].contract_hash) {
			sip_snprintf(msg, size,
				     "channel %u (%s): contract %s differs from the kernel's (hash %#llx, expected %#llx): rebuild the driver with this SDK",
				     i, m->chans[i].name, c->name, m->chans[i].contract_hash, c->hash);
			return -EINVAL;
		}
	}
	return 0;
}

/* Verify, rewrite, relocate and load one handler. */
static int load_entry(struct sip_instance *si, const struct sip_image_view *v,
		      const struct sip_image_entry *e, char *msg, u32 size)
{
	struct sip_rewrite_opts ro = {
		.fuel = si->manifest.fuel,
		.flags = si->engine->rewrite_flags,
		.rodata_size = si->rodata_size,
	};
	struct sip_verify_stats *st;
	struct sip_entry_lines lines;
	struct sip_insn *code = NULL;
	struct sip_diag diag;
	struct sip_vprog p;
	u32 len;
	int ret;

	st = sip_zalloc(sizeof(*st));
	if (!st)
		return -ENOMEM;
	sip_vprog_from_image(&p, v, e, &lines);
	ret = sip_verify(&p, NULL, st, &diag);
	if (ret) {
		char where[256];

		sip_verify_format(&p, &diag, where, sizeof(where));
		sip_snprintf(msg, size, "%s: %s", e->name, where);
		goto out;
	}
	ro.func_stack = st->stack_depth;
	ro.nr_funcs = st->nr_funcs;
	ret = sip_rewrite(p.insns, p.len, &ro, &code, &len, &diag);
	if (!ret)
		ret = sip_relocate(code, len, (unsigned long)si->data, (unsigned long)si->rodata,
				   si->engine->encode_helper, NULL, &diag);
	if (!ret)
		ret = si->engine->load(si, e->kind, code, len, st->stack_depth, st->nr_funcs,
				       &si->code[e->kind], &diag);
	if (ret)
		sip_snprintf(msg, size, "%s: cannot load for %s: %s", e->name, si->engine->name,
			     diag.msg);
out:
	sip_free(code);
	sip_free(st);
	return ret;
}

int sip_instance_create(const struct sip_image_view *view, const struct sip_instance_opts *opts,
			struct sip_instance **out, char *msg, u32 msg_size)
{
	struct xheap_quota q;
	struct sip_instance *si;
	u32 i;
	int ret = -ENOMEM;

	msg[0] = 0;
	si = sip_zalloc(sizeof(*si));
	if (!si)
		return -ENOMEM;
	sip_atomic_fetch_add32(&alive, 1);
	si->manifest = *view->manifest;
	si->nr_channels = si->manifest.nr_channels;
	si->limits = opts->limits ? *opts->limits : default_limits;
	si->grants = opts->grants;
	memcpy(si->name, si->manifest.name, SIP_NAME_LEN);
	sip_snprintf(si->prefix, sizeof(si->prefix), "sip %s", si->name);
	si->engine = opts->engine;
	si->run = opts->engine->run;
	si->heap = opts->heap;
	si->log = opts->log;
	si->cookie = opts->cookie;
	si->owner = XHEAP_KERNEL;	/* none yet: destroy must not reclaim the kernel's */
	si->state = SIP_STATE_LOADING;
	sip_defer_init(&si->defer, drain_deferred);

	ret = check_budgets(&si->manifest, &si->limits, msg, msg_size);
	if (!ret)
		ret = check_contracts(&si->manifest, msg, msg_size);
	if (!ret)
		ret = set_params(si, opts->params, msg, msg_size);
	if (ret)
		goto err;
	ret = -ENOMEM;
	si->data_size = view->data_size;
	si->rodata_size = view->rodata_size;
	si->data = sip_zalloc(si->data_size + 8);
	si->rodata = sip_zalloc(si->rodata_size + SIP_RUNTIME_RODATA);
	si->slots = sip_zalloc(sizeof(*si->slots) * (si->manifest.nr_slots + 1));
	si->stack = sip_zalloc(SIP_RUN_STACK_BYTES);
	if (!si->data || !si->rodata || !si->slots || !si->stack)
		goto err;
	memcpy(si->data, view->data, view->data_len);
	memcpy(si->rodata, view->rodata, view->rodata_size);

	q.max_blocks = si->manifest.max_blocks;
	q.max_bytes = si->manifest.max_bytes;
	ret = xheap_owner_add(si->heap, &q, &si->owner);
	if (ret) {
		sip_snprintf(msg, msg_size, "too many SIPs for the exchange heap");
		si->owner = XHEAP_KERNEL;
		goto err;
	}
	for (i = 0; i < view->nr_entries; i++) {
		ret = load_entry(si, view, &view->entries[i], msg, msg_size);
		if (ret)
			goto err;
	}
	*out = si;
	return 0;
err:
	if (!msg[0])
		sip_snprintf(msg, msg_size, "out of memory");
	sip_instance_destroy(si);
	return ret;
}

int sip_instance_attach(struct sip_instance *si, u32 index, struct sip_endpoint *ep)
{
	if (index >= si->manifest.nr_channels || si->chans[index])
		return -EINVAL;
	if (sip_endpoint_side(ep) != si->manifest.chans[index].side ||
	    sip_endpoint_contract(ep)->hash != si->manifest.chans[index].contract_hash)
		return -EPROTO;
	si->chans[index] = ep;
	sip_endpoint_set_user(ep, index);
	sip_endpoint_set_notify(ep, sip_instance_notify, si);
	sip_endpoint_set_deliver(ep, sip_instance_deliver, sip_instance_claim);
	return 0;
}

int sip_instance_start(struct sip_instance *si)
{
	s64 r = 0;

	if (si->state != SIP_STATE_LOADING)
		return -EINVAL;
	si->state = SIP_STATE_RUNNING;
	si->started = true;
	/* Messages that came while loading wait for init; the count keeps them. */
	sip_atomic_fetch_add32(&si->pending, 1);
	if (si->code[SIP_ENTRY_INIT])
		r = run_handler(si, SIP_ENTRY_INIT, &si->init_ctx, NULL, sip_time_handlers(), false);
	if (r > 0)
		r = 0;
	if (r && si->state == SIP_STATE_RUNNING) {
		char what[192];

		sip_snprintf(what, sizeof(what), "init returned %lld%s%s%s", (long long)r,
			     si->refusal[0] ? " (" : "", si->refusal, si->refusal[0] ? ")" : "");
		fault(si, SIP_REASON_INIT, what);
	}
	/* Run what queued meanwhile (or nothing), then let senders run us. */
	drain(si);
	return r ? (int)r : 0;
}

void sip_instance_destroy(struct sip_instance *si)
{
	u32 k;

	if (!si)
		return;
	if (si->state == SIP_STATE_RUNNING && si->code[SIP_ENTRY_EXIT])
		run_handler(si, SIP_ENTRY_EXIT, &si->init_ctx, NULL, sip_time_handlers(), false);
	si->state = SIP_STATE_STOPPED;
	teardown(si);
	/*
	 * Its channels are closed: no new delivery can start. One under way
	 * (a sender's, or the work item's) finds it stopped, drops what is
	 * left and lets go of the count; then nothing touches it any more.
	 */
	while (si->started && sip_load_acquire(&si->pending))
		sip_sleep_ms(1);
	sip_defer_sync(&si->defer);
	if (si->owner != XHEAP_KERNEL)
		xheap_owner_remove(si->heap, si->owner);
	for (k = 0; k < SIP_ENTRY__COUNT; k++)
		if (si->code[k])
			si->engine->unload(si->code[k]);
	sip_free(si->data);
	sip_free(si->rodata);
	sip_free(si->slots);
	sip_free(si->stack);
	sip_region_free(si->grant, (unsigned long)si->grant_size);
	if (si->grant)
		sip_grant_uncharge(si->grants, si->grant_size);
	sip_free(si);
	sip_atomic_fetch_add32(&alive, (u32)-1);
}

u32 sip_instance_owner(const struct sip_instance *si)
{
	return si->owner;
}

const char *sip_instance_name(const struct sip_instance *si)
{
	return si->name;
}

const struct sip_manifest *sip_instance_manifest(const struct sip_instance *si)
{
	return &si->manifest;
}

enum sip_state sip_instance_state(const struct sip_instance *si)
{
	return si->state;
}

void *sip_instance_cookie(const struct sip_instance *si)
{
	return si->cookie;
}

void sip_instance_stats(struct sip_instance *si, struct sip_instance_stats *st)
{
	struct xheap_usage u;

	*st = si->stats;
	st->runs += st->messages;	/* (runs counts the other handlers' runs) */
	xheap_usage(si->heap, si->owner, &u);
	st->blocks = u.blocks;
	st->hw_blocks = u.hw_blocks;
	st->bytes = u.bytes;
	st->hw_bytes = u.hw_bytes;
	st->allocs = u.allocs;
	st->frees = u.frees;
}

enum sip_fault_reason sip_instance_fault(const struct sip_instance *si, const char **what)
{
	*what = si->what;
	return si->reason;
}
