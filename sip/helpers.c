// SPDX-License-Identifier: GPL-2.0
/*
 * The helpers drivers call (SIP_HELPERS in include/sipdrv/abi.h), as C
 * functions every engine calls: the interpreter through its table, native
 * code directly. Each checks again what it can check cheaply of what the
 * verifier proved (a helper is the boundary), returns only values inside
 * the range its prototype promises the verifier, and stops the SIP
 * (exec_fail) rather than act on something it should never have been given.
 */
#include "platform.h"
#include "instance_internal.h"
#include "printk_fmt.h"
#include "rewrite.h"

static struct sip_exec *cur_exec(void)
{
	return (struct sip_exec *)sip_run_current();
}

/* The halt word after the SIP's read-only data (see rewrite.h). */
static u32 *halt_word(struct sip_instance *si)
{
	return (u32 *)(si->rodata + sip_halt_word_off(si->rodata_size));
}

/*
 * A helper found something wrong: the instance stops, and none of its code
 * runs after this helper: the interpreter stops at once; native code
 * (SIP_RW_HALT_CHECK) tests the halt word when the helper returns and
 * returns, and so do its callers. Every helper refuses to act meanwhile.
 */
static sip_noinline u64 exec_fail(struct sip_exec *ex, u32 reason, const char *what)
{
	if (!ex->reason) {
		ex->reason = reason;
		sip_snprintf(ex->what, sizeof(ex->what), "%s", what);
	}
	*halt_word(ex->si) = 1;	/* read by this task when the helper returns */
	sip_run_abort(-EFAULT);
	return 0;
}

static struct sip_endpoint *exec_chan(struct sip_exec *ex, u64 chan)
{
	return chan < ex->si->nr_channels ? ex->si->chans[chan] : NULL;
}

/* Is @p the run's message's block, taken by the SIP (sip_msg_block)? */
static bool is_taken_msg_block(const struct sip_exec *ex, const void *p)
{
	const struct sip_chmsg *m = ex->mctx;

	return p && m && p == m->ptr && !m->avail;
}

/*
 * Is @p the run's message block, lent, taken, and taken back by its lender
 * since (xheap_revoke: a request that timed out)? Its memory is still
 * there while the run lasts (the lender waits runs out), and the SIP did
 * nothing wrong: the helpers act as if it were gone (a send of it fails
 * with -ENOENT, a free does nothing, its size is 0), and the SIP goes on.
 */
static sip_cold bool taken_back(const struct sip_exec *ex, const void *p)
{
	const struct sip_chmsg *m = ex->mctx;

	return is_taken_msg_block(ex, p) && xheap_is_lent(m->block) &&
	       !xheap_held(ex->si->heap, m->block, ex->si->owner);
}

/* The handle of the block at @ptr, which the instance must own. */
static sip_handle_t exec_block(struct sip_exec *ex, u64 ptr)
{
	struct sip_instance *si = ex->si;
	void *p = (void *)(unsigned long)ptr;

	/* Most often its message's block, taken and answered with. */
	if (is_taken_msg_block(ex, p) && xheap_held(si->heap, ex->mctx->block, si->owner))
		return ex->mctx->block;
	if (p && p == ex->taken_ptr && xheap_held(si->heap, ex->taken, si->owner))
		return ex->taken;
	return xheap_handle_of(si->heap, p, si->owner);
}

/* ---- the helpers (SIP_HELPERS) ---- */

#define HELPER(name) static u64 helper_##name(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
#define UNUSED_ARGS(...) ((void)r1, (void)r2, (void)r3, (void)r4, (void)r5)
#define EXEC_OR(ret)							\
	struct sip_exec *ex = cur_exec();				\
	UNUSED_ARGS();							\
	if (ex->reason)							\
		return (ret)

HELPER(block_alloc)
{
	sip_handle_t h;
	void *p;
	EXEC_OR(0);

	if (xheap_alloc(ex->si->heap, ex->si->owner, (u32)(r1 > ~0u ? 0 : r1), &h, &p) &&
	    (!ex->may_sleep ||
	     xheap_alloc_wait(ex->si->heap, ex->si->owner, (u32)(r1 > ~0u ? 0 : r1), &h, &p)))
		return 0;
	return (u64)(unsigned long)p;
}

HELPER(block_free)
{
	sip_handle_t h;
	EXEC_OR(0);

	if (!r1)
		return 0;
	h = exec_block(ex, r1);
	if (!h && taken_back(ex, (void *)(unsigned long)r1))
		return 0;
	if (!h || xheap_free(ex->si->heap, ex->si->owner, h))
		return exec_fail(ex, SIP_REASON_HELPER, "sip_block_free of a block it does not own");
	return 0;
}

HELPER(block_size)
{
	sip_handle_t h;
	u32 size = 0;
	EXEC_OR(0);

	h = exec_block(ex, r1);
	if (!h && taken_back(ex, (void *)(unsigned long)r1))
		return 0;
	if (!h || !xheap_ptr(ex->si->heap, h, ex->si->owner, &size))
		return exec_fail(ex, SIP_REASON_HELPER, "sip_block_size of a block it does not own");
	return size;
}

/* A send the contract refused: the SIP stops. */
static sip_cold u64 send_refused(struct sip_exec *ex, struct sip_endpoint *ep, u64 chan, u64 tag,
				 const char *why)
{
	char what[128];

	sip_snprintf(what, sizeof(what), "contract %s, channel %llu, tag %llu: %s",
		     sip_endpoint_contract(ep)->name, chan, tag, why);
	return exec_fail(ex, SIP_REASON_CONTRACT, what);
}

/*
 * A send of the message's block that its transfer refused: the block was
 * not the SIP's as its message left it (sent or freed, and maybe another
 * at the same address since). Looked up properly, and sent again if found.
 */
static sip_cold int send_looked_up(struct sip_exec *ex, struct sip_endpoint *ep, u32 tag,
				   u64 arg0, u64 arg1, u64 ptr, const char **why)
{
	sip_handle_t h = exec_block(ex, ptr);

	if (!h)
		return -ENOENT;
	return sip_channel_send_from_sip(ep, tag, arg0, arg1, h, why);
}

/*
 * A send that failed: a block taken back by its lender (quietly gone), a
 * message block renewed at the same address (sent again), a contract
 * refusal (the SIP stops), or an error for the SIP (full, closed, ...).
 * @as_taken: the block was the run's message's, taken (its pointer is the
 * message's). The channel's index is its end's user (sip_instance_attach).
 */
static sip_cold u64 send_failed(struct sip_exec *ex, struct sip_endpoint *ep, u32 tag, u64 arg0,
				u64 arg1, bool as_taken, int ret, const char *why)
{
	u64 chan = sip_endpoint_user(ep);

	if (as_taken && (ret == -ENOENT || ret == -EPERM)) {
		u64 ptr = (u64)(unsigned long)ex->mctx->ptr;

		if (taken_back(ex, (void *)(unsigned long)ptr))
			return (u64)-ENOENT;
		ret = send_looked_up(ex, ep, tag, arg0, arg1, ptr, &why);
		if (ret == -ENOENT || ret == -EPERM)
			return exec_fail(ex, SIP_REASON_HELPER, "sip_send of a block it does not own");
	}
	ex->si->stats.sends++;
	if (ret == -EPROTO)
		return send_refused(ex, ep, chan, tag, why);
	if (ret)
		ex->si->stats.send_errors++;
	return (u64)(s64)ret;
}

/* Flattened: the send, the contract step, the heap and the peer's delivery inline. */
static sip_flatten u64 helper_send(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
{
	struct sip_endpoint *ep;
	sip_handle_t h = 0;
	const char *why sip_noinit;	/* set by a refusal */
	bool as_taken = false;
	int ret;
	EXEC_OR((u64)-EPIPE);

	ep = exec_chan(ex, r1);
	if (!ep)
		return (u64)-EPIPE;
	if (is_taken_msg_block(ex, (void *)(unsigned long)r5)) {
		/* The transfer checks that it still holds it (exec_block would too). */
		h = ex->mctx->block;
		as_taken = true;
	} else if (r5) {
		h = exec_block(ex, r5);
		if (!h)
			return exec_fail(ex, SIP_REASON_HELPER, "sip_send of a block it does not own");
	}
	ret = sip_channel_send_from_sip(ep, (u32)r2, r3, r4, h, &why);
	if (likely(!ret)) {
		ex->si->stats.sends++;
		return 0;
	}
	return send_failed(ex, ep, (u32)r2, r3, r4, as_taken, ret, why);
}

HELPER(msg_block)
{
	struct sip_chmsg *m;
	void *p;
	EXEC_OR(0);

	/* The same as the JIT engine's inline version (see instance.h). */
	m = ex->mctx;
	if (!m)
		return 0;
	p = m->avail;
	m->avail = NULL;
	/* The block is the SIP's since the send; only the SIP can give it away. */
	return (u64)(unsigned long)p;
}

HELPER(slot_xchg)
{
	struct sip_instance *si;
	sip_handle_t h = 0, old;
	void *p;
	EXEC_OR(0);

	si = ex->si;
	if (r1 >= si->manifest.nr_slots)
		return exec_fail(ex, SIP_REASON_HELPER, "sip_slot_xchg of a slot the manifest does not declare");
	if (r2) {
		h = exec_block(ex, r2);
		if (!h && !taken_back(ex, (void *)(unsigned long)r2))
			return exec_fail(ex, SIP_REASON_HELPER, "sip_slot_xchg of a block it does not own");
	}
	old = si->slots[r1];
	si->slots[r1] = h;
	p = old ? xheap_ptr(si->heap, old, si->owner, NULL) : NULL;
	if (p) {	/* the block the driver now holds: found without a lookup */
		ex->taken = old;
		ex->taken_ptr = p;
	}
	return (u64)(unsigned long)p;
}

HELPER(chan)
{
	EXEC_OR(0);

	return r1 < ex->si->nr_channels ? r1 : 0;
}

HELPER(log)
{
	char text[256];
	u32 n = r2 < sizeof(text) ? (u32)r2 : sizeof(text) - 1;
	EXEC_OR(0);

	/* The verifier proved [r1, r1 + r2) readable; still copy no more than we print. */
	memcpy(text, (const void *)(unsigned long)r1, n);
	text[n] = 0;
	if (ex->si->log)
		ex->si->log(ex->si, text, n);
	return n;
}

HELPER(time_ns)
{
	UNUSED_ARGS();
	return sip_time_ns();
}

HELPER(abort)
{
	char what[64];
	EXEC_OR(0);

	sip_snprintf(what, sizeof(what), "the driver called sip_abort(%lld)", (long long)r1);
	return exec_fail(ex, SIP_REASON_ABORT, what);
}

/* Device resources come with the PCI class (later); none is granted yet. */
HELPER(no_resource)
{
	EXEC_OR((u64)-ENODEV);

	return (u64)-ENODEV;
}
#define helper_io_read helper_no_resource
#define helper_io_write helper_no_resource
#define helper_irq_ack helper_no_resource
#define helper_dma_addr helper_no_resource

/* Charges @bytes of granted memory to the pool; false when over its limit. */
static bool grant_charge(struct sip_grant_pool *pool, u64 bytes)
{
	u64 used;

	if (!pool)
		return true;
	used = sip_load_acquire(&pool->used);
	for (;;) {
		u64 seen;

		if (bytes > pool->limit || used > pool->limit - bytes)
			return false;
		seen = sip_atomic_cmpxchg64(&pool->used, used, used + bytes);
		if (seen == used)
			return true;
		used = seen;
	}
}

void sip_grant_uncharge(struct sip_grant_pool *pool, u64 bytes)
{
	if (pool && bytes)
		sip_atomic_fetch_add64(&pool->used, (u64)-bytes);
}

/*
 * Granted memory: once, in init (which runs where it may sleep), within the
 * SIP's ceiling and the pool's. Refused with -EDQUOT over either, -ENOMEM
 * when the memory is not there (the allocation gives up rather than call
 * the OOM killer).
 */
HELPER(grant)
{
	struct sip_instance *si;
	EXEC_OR((u64)-EPERM);

	si = ex->si;
	if (si->grant)
		return (u64)-EEXIST;
	if (!r1 || (r1 & (XHEAP_PAGE - 1)))
		return (u64)-EINVAL;
	if (r1 > si->limits.grant_bytes || !grant_charge(si->grants, r1)) {
		sip_snprintf(si->refusal, sizeof(si->refusal),
			     "sip_grant(%llu MiB) refused: over the budget of granted memory (%llu MiB, %llu in use)",
			     r1 >> 20, (si->grants ? si->grants->limit : si->limits.grant_bytes) >> 20,
			     (si->grants ? sip_load_acquire(&si->grants->used) : 0) >> 20);
		sip_instance_log(si, "%s", si->refusal);
		return (u64)-EDQUOT;
	}
	si->grant = sip_region_alloc_noretry((unsigned long)r1);
	if (!si->grant) {
		sip_grant_uncharge(si->grants, r1);
		sip_snprintf(si->refusal, sizeof(si->refusal),
			     "sip_grant(%llu MiB) refused: out of memory", r1 >> 20);
		sip_instance_log(si, "%s", si->refusal);
		return (u64)-ENOMEM;
	}
	si->grant_size = r1;
	return 0;
}

/*
 * The memory of a block the SIP holds, and its size. NULL when there is
 * none, with *err: -ENOENT for a lent block its lender took back (quietly
 * gone, see taken_back), 0 when the SIP stops for a block it does not own.
 */
static u8 *held_block(struct sip_exec *ex, u64 ptr, u32 *size, u64 *err)
{
	struct sip_instance *si = ex->si;
	sip_handle_t h = exec_block(ex, ptr);
	u8 *b = NULL;

	*size = 0;
	if (!h && taken_back(ex, (void *)(unsigned long)ptr)) {
		*err = (u64)-ENOENT;
		return NULL;
	}
	if (h)
		b = xheap_ptr(si->heap, h, si->owner, size);
	if (!b)
		*err = exec_fail(ex, SIP_REASON_HELPER, "a copy with a block it does not own");
	return b;
}

/* Is [off, off + len) inside [0, size)? */
static bool range_fits(u64 off, u64 len, u64 size)
{
	return off <= size && len <= size - off;
}

static void *uptr(u64 p)
{
	return (void *)(unsigned long)p;
}

/*
 * Work a helper does in proportion to a length is charged to the run's
 * helper fuel (ex->work, as many instructions' worth as the run's fuel):
 * a loop whose cheap turns each copy or checksum a lot would otherwise
 * run far longer than its fuel says. A call costs 1, plus 1 per 8 bytes
 * copied or filled (COPY), or 1 per byte checksummed (CRC). False: out of
 * fuel, and the SIP stops (no driver code runs after the call).
 */
enum { COPY = 3, CRC = 0 };

static bool work_ok(struct sip_exec *ex, u64 len, unsigned int shift)
{
	u64 units = (len >> shift) + 1;

	if (likely(ex->work >= units)) {
		ex->work -= units;
		return true;
	}
	ex->work = 0;
	exec_fail(ex, SIP_REASON_FUEL,
		  "a handler ran out of fuel (its helpers copied or checksummed too much)");
	return false;
}

/*
 * Memory the verifier proved the SIP's (SIP_ARG_MEM_*): where it is cannot
 * be checked cheaply here (a block's interior), how much can; its work is
 * charged.
 */
static bool mem_len_ok(struct sip_exec *ex, u64 len, unsigned int shift)
{
	if (unlikely(len > SIP_MEM_ARG_MAX)) {
		exec_fail(ex, SIP_REASON_HELPER, "a helper was given more memory than the verifier allows");
		return false;
	}
	return work_ok(ex, len, shift);
}

HELPER(memcpy)
{
	EXEC_OR((u64)-EPERM);

	if (!mem_len_ok(ex, r3, COPY))
		return 0;
	memmove(uptr(r1), uptr(r2), r3);
	return 0;
}

HELPER(memset)
{
	EXEC_OR((u64)-EPERM);

	if (!mem_len_ok(ex, r3, COPY))
		return 0;
	memset(uptr(r1), (u8)r2, r3);
	return 0;
}

/*
 * Copies between a block at an offset the verifier cannot know and memory
 * it proved: -ERANGE when the range is not inside the block. What is read
 * into is written whatever happens (zeroes when the copy fails), as the
 * verifier assumes of a SIP_ARG_MEM_WO argument.
 */
HELPER(block_read)
{
	u64 err = 0;
	u32 size;
	u8 *b;
	EXEC_OR((u64)-EPERM);

	if (!mem_len_ok(ex, r4, COPY))
		return 0;
	b = held_block(ex, r1, &size, &err);
	if (b && range_fits(r2, r4, size)) {
		memmove(uptr(r3), b + r2, r4);
		return 0;
	}
	memset(uptr(r3), 0, r4);
	return b ? (u64)-ERANGE : err;
}

HELPER(block_write)
{
	u64 err = 0;
	u32 size;
	u8 *b;
	EXEC_OR((u64)-EPERM);

	if (!mem_len_ok(ex, r4, COPY))
		return 0;
	b = held_block(ex, r1, &size, &err);
	if (!b)
		return err;
	if (!range_fits(r2, r4, size))
		return (u64)-ERANGE;
	memmove(b + r2, uptr(r3), r4);
	return 0;
}

HELPER(block_copy)
{
	u64 err = 0;
	u32 dsize, ssize;
	u8 *d, *src;
	EXEC_OR((u64)-EPERM);

	d = held_block(ex, r1, &dsize, &err);
	if (!d)
		return err;
	src = held_block(ex, r3, &ssize, &err);
	if (!src)
		return err;
	if (!range_fits(r2, r5, dsize) || !range_fits(r4, r5, ssize))
		return (u64)-ERANGE;
	if (!work_ok(ex, r5, COPY))
		return 0;
	memmove(d + r2, src + r4, r5);
	return 0;
}

/*
 * Copies between granted memory and a block the SIP owns; both ranges are
 * checked here (the verifier cannot know them): -ERANGE when either falls
 * outside, -ENOMEM when nothing was granted.
 */
static u64 grant_copy(struct sip_exec *ex, u64 goff, u64 ptr, u64 boff, u64 len, bool to_grant)
{
	struct sip_instance *si = ex->si;
	u64 err = 0;
	u32 bsize;
	u8 *b;

	b = held_block(ex, ptr, &bsize, &err);
	if (!b)
		return err;
	if (!si->grant)
		return (u64)-ENOMEM;
	if (!range_fits(goff, len, si->grant_size) || !range_fits(boff, len, bsize))
		return (u64)-ERANGE;
	if (!work_ok(ex, len, COPY))
		return 0;
	if (to_grant)
		memcpy(si->grant + goff, b + boff, len);
	else
		memcpy(b + boff, si->grant + goff, len);
	return 0;
}

HELPER(grant_read)
{
	EXEC_OR((u64)-EPERM);

	return grant_copy(ex, r1, r2, r3, r4, false);
}

HELPER(grant_write)
{
	EXEC_OR((u64)-EPERM);

	return grant_copy(ex, r1, r2, r3, r4, true);
}

/*
 * Copies between granted memory and memory the verifier proved (the same
 * rules as block_read and block_write, with the grant in the block's place).
 */
static u64 grant_range(const struct sip_instance *si, u64 goff, u64 len)
{
	if (!si->grant)
		return (u64)-ENOMEM;
	return range_fits(goff, len, si->grant_size) ? 0 : (u64)-ERANGE;
}

HELPER(grant_load)
{
	u64 err;
	EXEC_OR((u64)-EPERM);

	if (!mem_len_ok(ex, r3, COPY))
		return 0;
	err = grant_range(ex->si, r1, r3);
	if (err) {
		memset(uptr(r2), 0, r3);
		return err;
	}
	memcpy(uptr(r2), ex->si->grant + r1, r3);
	return 0;
}

HELPER(grant_store)
{
	u64 err;
	EXEC_OR((u64)-EPERM);

	if (!mem_len_ok(ex, r3, COPY))
		return 0;
	err = grant_range(ex->si, r1, r3);
	if (err)
		return err;
	memcpy(ex->si->grant + r1, uptr(r2), r3);
	return 0;
}

HELPER(crc32)
{
	EXEC_OR(0);

	if (!mem_len_ok(ex, r3, CRC))
		return 0;
	return sip_crc32((u32)r1, uptr(r2), (unsigned long)r3);
}

/*
 * A formatted line for the log (sip_log's way out). The verifier checked the
 * format and its arguments; the format is parsed again from the SIP's own
 * read-only data, and every %s argument must point into it.
 */
HELPER(printk)
{
	struct sip_instance *si;
	const char *fmt = uptr(r1), *ro;
	u64 args[SIP_PF_ARGS] = { r2, r3, r4, r5 };
	char text[SIP_PF_LINE_MAX + 1];
	struct sip_pf pf;
	int n;
	EXEC_OR(0);

	si = ex->si;
	ro = (const char *)si->rodata;
	if (fmt < ro || fmt >= ro + si->rodata_size ||
	    sip_pf_parse(fmt, (u32)(ro + si->rodata_size - fmt), &pf, NULL, 0))
		return exec_fail(ex, SIP_REASON_HELPER, "sip_printk with a format the verifier did not check");
	n = sip_pf_print(fmt, &pf, args, ro, si->rodata_size, text, sizeof(text));
	if (n < 0)
		return exec_fail(ex, SIP_REASON_HELPER, "sip_printk of a string outside its read-only data");
	if (si->log)
		si->log(si, text, (u32)n);
	return (u64)n;
}

HELPER(trap)
{
	EXEC_OR(0);

	if (r1 == SIP_TRAP_FUEL)
		return exec_fail(ex, SIP_REASON_FUEL, "a handler ran out of fuel (a loop ran too long)");
	return exec_fail(ex, SIP_REASON_EXEC, "trap");
}

/* Indexed by helper number; the trap sits right after the last one. */
const sip_helper_fn sip_helper_fns[SIP_HELPER__END + 1] = {
#define FN(nr, name, ...) \
	[nr] = helper_##name,
	SIP_HELPERS(FN)
#undef FN
	[SIP_HELPER__END] = helper_trap,
};

const sip_helper_fn *sip_helper_functions(void)
{
	return sip_helper_fns;
}
