// SPDX-License-Identifier: GPL-2.0
/*
 * SIP instances (see instance.h): creation from a verified image, faults
 * and teardown. How their handlers run and messages reach them is in
 * deliver.c; the helpers drivers call are in helpers.c.
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

sip_noinline void sip_stop(struct sip_instance *si, u32 reason, const char *what)
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
	sip_defer_init(&si->defer, sip_drain_deferred);

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
		r = sip_run_handler(si, SIP_ENTRY_INIT, &si->init_ctx, NULL, sip_time_handlers(), false);
	if (r > 0)
		r = 0;
	if (r && si->state == SIP_STATE_RUNNING) {
		char what[192];

		sip_snprintf(what, sizeof(what), "init returned %lld%s%s%s", (long long)r,
			     si->refusal[0] ? " (" : "", si->refusal, si->refusal[0] ? ")" : "");
		sip_stop(si, SIP_REASON_INIT, what);
	}
	/* Run what queued meanwhile (or nothing), then let senders run us. */
	sip_drain(si);
	return r ? (int)r : 0;
}

void sip_instance_destroy(struct sip_instance *si)
{
	bool run_exit;
	u32 k;

	if (!si)
		return;
	run_exit = si->state == SIP_STATE_RUNNING && si->code[SIP_ENTRY_EXIT];
	/*
	 * Runs never overlap, and exit and the teardown are no exception: a
	 * run under way (a sender's, or the work item's) may be in a helper
	 * that uses a channel the teardown frees, and exit would share its
	 * stack. Stopped first, the SIP's runners drop what they find instead
	 * of running it, so its count falls to 0; this thread then takes the
	 * count from 0 to 1, as a sender claiming an idle SIP does, and is its
	 * only runner until it lets go.
	 */
	sip_store_release(&si->state, SIP_STATE_STOPPED);
	while (si->started && sip_atomic_cmpxchg32(&si->pending, 0, 1) != 0)
		sip_sleep_ms(1);
	if (run_exit)
		sip_run_handler(si, SIP_ENTRY_EXIT, &si->init_ctx, NULL, sip_time_handlers(), false);
	teardown(si);
	/*
	 * Its channels are closed: no new delivery can start. What was
	 * announced meanwhile is dropped by whoever runs it (this thread, or
	 * the work item it hands over to); then nothing touches it any more.
	 */
	if (si->started)
		sip_drain(si);
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
