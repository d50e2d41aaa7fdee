// SPDX-License-Identifier: GPL-2.0
/*
 * Channels (see channel.h). One lock per channel orders the sends into both
 * rings and guards the contract state and the ends' flags; a send checks
 * the contract, moves the block's ownership, queues the message and picks
 * the peer's notify function under it (one lock round per send), then
 * announces the message to the peer after dropping it, so that the peer
 * may run its handler right away (and send back) without deadlock. A peer
 * that delivers (sip_endpoint_set_deliver), with nothing queued to it and
 * its consumer idle, gets the message itself instead, from the sender's
 * stack: no ring slot, no announcement, no receive.
 *
 * The channel lives while an end is open; an end is not closed while a send
 * from it is under way (channel.h), so a send's announcement needs no
 * reference of its own. The count is atomic: a close's announcement drops
 * the closing end's reference without the lock.
 *
 * Receiving takes no lock: each end has one consumer at a time (its SIP's
 * delivery, or the kernel code that owns the end), which alone moves the
 * ring's tail and closes the end. Senders publish a message by a release
 * of head; the receiver frees its slot by a release of tail.
 */
#include "channel.h"

/*
 * The usual targets of the calls to an end's functions: a SIP's end's
 * notify, claim and delivery (SIP_CHAN_SIP_NOTIFY, _CLAIM, _DELIVER) and
 * the kernel's end's (SIP_CHAN_KERN_NOTIFY, _DELIVER: the block shim's).
 * They live in the layers above this one, which name them: the build that
 * compiles this file in one unit with them (kmod/msgpath.c) defines all
 * five, and each call compares with them and calls them directly
 * (SIP_INDIRECT_CALL_*: no retpoline on the hot path). Left undefined,
 * every call is a plain indirect call.
 */
#ifdef SIP_CHAN_KERN_DELIVER
#define call_claim(f, ...) SIP_INDIRECT_CALL_1(f, SIP_CHAN_SIP_CLAIM, __VA_ARGS__)
#define call_deliver(f, ...)							\
	SIP_INDIRECT_CALL_2(f, SIP_CHAN_SIP_DELIVER, SIP_CHAN_KERN_DELIVER, __VA_ARGS__)
#define call_notify(f, ...)							\
	SIP_INDIRECT_CALL_2(f, SIP_CHAN_SIP_NOTIFY, SIP_CHAN_KERN_NOTIFY, __VA_ARGS__)
#define call_kern_notify(f, ...) SIP_INDIRECT_CALL_1(f, SIP_CHAN_KERN_NOTIFY, __VA_ARGS__)
#else
#define call_claim(f, ...) ((f)(__VA_ARGS__))
#define call_deliver(f, ...) ((f)(__VA_ARGS__))
#define call_notify(f, ...) ((f)(__VA_ARGS__))
#define call_kern_notify(f, ...) ((f)(__VA_ARGS__))
#endif

struct sip_endpoint {
	struct sip_channel *chan;
	struct sip_endpoint *peer;	/* the other end */
	u8 side;
	bool closed;		/* this end: no more sends or receives */
	bool told_closed;	/* the peer's close was reported to this end */
	u32 owner;
	u32 user;		/* its owner's (sip_endpoint_set_user) */
	u32 head, tail;		/* messages to this end: ring[tail .. head) */
	struct sip_chmsg *ring;
	sip_notify_fn notify;
	sip_deliver_fn deliver;	/* or NULL */
	sip_claim_fn claim;	/* or NULL */
	void *cookie;
	struct sip_endpoint_stats stats;	/* received: worked out when asked */
	u64 dropped;		/* messages to it freed unread at its close */
};

struct sip_channel {
	struct sip_lock lock;
	struct xheap *heap;
	const struct sip_contract *contract;
	struct sip_contract_state cs;
	struct sip_contract_rules rules;	/* the contract's, kept here */
	u32 depth;		/* ring size, a power of two */
	u32 refs;		/* open ends (atomic) */
	u32 closed;		/* a bit per closed end (1 << side): one test per send */
	struct sip_endpoint ep[2];
};

static void chan_free(struct sip_channel *ch)
{
	sip_free(ch->ep[0].ring);
	sip_free(ch->ep[1].ring);
	sip_free(ch);
}

/* Drops a reference; the last one frees the channel. */
static void chan_put(struct sip_channel *ch)
{
	if (sip_atomic_fetch_add32(&ch->refs, (u32)-1) == 1)
		chan_free(ch);
}

/* Where a channel's extra bytes start (sip_channel_create_extra). */
#define CHAN_EXTRA_OFF	((sizeof(struct sip_channel) + 63) & ~(size_t)63)

struct sip_channel *sip_channel_create(struct xheap *heap, const struct sip_contract *contract,
				       u32 depth, u32 client_owner, u32 server_owner)
{
	return sip_channel_create_extra(heap, contract, depth, client_owner, server_owner, 0);
}

void *sip_channel_extra(struct sip_channel *ch)
{
	return (u8 *)ch + CHAN_EXTRA_OFF;
}

struct sip_channel *sip_channel_create_extra(struct xheap *heap,
					     const struct sip_contract *contract, u32 depth,
					     u32 client_owner, u32 server_owner, u32 extra)
{
	struct sip_channel *ch;
	u32 i;
	int err;

	if (!depth || (depth & (depth - 1)) || depth > 65536 || extra > 65536 || !contract)
		return ERR_PTR(-EINVAL);
	ch = sip_zalloc(extra ? CHAN_EXTRA_OFF + extra : sizeof(*ch));
	if (!ch)
		return ERR_PTR(-ENOMEM);
	sip_lock_init(&ch->lock);
	ch->heap = heap;
	ch->contract = contract;
	err = sip_contract_rules_init(&ch->rules, contract);
	if (err) {
		sip_free(ch);
		return ERR_PTR(err);
	}
	ch->depth = depth;
	ch->cs.max_open = depth;
	ch->refs = 2;
	for (i = 0; i < 2; i++) {
		ch->ep[i].chan = ch;
		ch->ep[i].peer = &ch->ep[!i];
		ch->ep[i].side = (u8)i;
		ch->ep[i].owner = i == SIP_CLIENT ? client_owner : server_owner;
		ch->ep[i].ring = sip_zalloc(sizeof(struct sip_chmsg) * depth);
		if (!ch->ep[i].ring)
			goto err;
	}
	return ch;
err:
	chan_free(ch);
	return ERR_PTR(-ENOMEM);
}

struct sip_endpoint *sip_channel_end(struct sip_channel *ch, u32 side)
{
	return &ch->ep[side & 1];
}

void sip_endpoint_set_notify(struct sip_endpoint *ep, sip_notify_fn fn, void *cookie)
{
	sip_lock(&ep->chan->lock);
	ep->notify = fn;
	ep->cookie = cookie;
	sip_unlock(&ep->chan->lock);
}

void sip_endpoint_set_deliver(struct sip_endpoint *ep, sip_deliver_fn fn, sip_claim_fn claim)
{
	sip_lock(&ep->chan->lock);
	ep->deliver = fn;
	ep->claim = claim;
	sip_unlock(&ep->chan->lock);
}

const struct sip_contract *sip_endpoint_contract(const struct sip_endpoint *ep)
{
	return ep->chan->contract;
}

u32 sip_endpoint_side(const struct sip_endpoint *ep)
{
	return ep->side;
}

void sip_endpoint_set_user(struct sip_endpoint *ep, u32 user)
{
	ep->user = user;
}

u32 sip_endpoint_user(const struct sip_endpoint *ep)
{
	return ep->user;
}

static struct sip_endpoint *peer_of(struct sip_endpoint *ep)
{
	return ep->peer;
}

/*
 * A SIP's message delivered straight to the kernel's end, built here from
 * its values: a delivery inline in the message path (the block shim's)
 * reads them from registers, as it reads no message in memory; any other
 * delivery gets one in memory.
 */
static sip_always_inline void deliver_built(sip_deliver_fn dfn, struct sip_endpoint *peer,
					    void *cookie, u32 tag, u64 a0, u64 a1, u64 a2,
					    void *ptr, u32 size, sip_handle_t block)
{
#define BUILT { .tag = tag, .args = { a0, a1, a2 }, .size = size, .ptr = ptr, .block = block }
#ifdef SIP_CHAN_KERN_DELIVER
	SIP_IF_TARGET(dfn, SIP_CHAN_KERN_DELIVER,
		      { struct sip_chmsg m = BUILT; SIP_CHAN_KERN_DELIVER(peer, cookie, &m); },
		      { struct sip_chmsg m = BUILT; dfn(peer, cookie, &m); });
#else
	struct sip_chmsg m = BUILT;

	dfn(peer, cookie, &m);
#endif
#undef BUILT
}

/*
 * What a send moves: the sender's block @handle, or (@lend_ptr non-NULL)
 * @lend_size bytes at @lend_ptr it lends through its entry @lend_idx
 * (xheap_lend), whose handle goes to *@lent before the message is out.
 * @from_sip: the sender is a SIP, and the peer most often the kernel (a
 * constant: each caller builds its own copy, see sip_channel_send_from_sip);
 * its message is @stag and @a0..@a2, and @dm is NULL. Otherwise @dm is
 * the message, its tag and args set by the caller, and the peer's if
 * delivered straight (a SIP's handler reads it in memory).
 */
static sip_always_inline int send(struct sip_endpoint *ep, struct sip_chmsg *dm, u32 stag,
				  u64 a0, u64 a1, u64 a2, sip_handle_t handle, u32 lend_idx,
				  void *lend_ptr, u32 lend_size, sip_handle_t *lent,
				  const char **why, bool from_sip)
{
	struct sip_channel *ch = ep->chan;
	struct sip_endpoint *peer = peer_of(ep);
	bool has_block = handle || lend_ptr;
	struct sip_contract_state next sip_noinit;	/* set by the step */
	u32 tag = from_sip ? stag : dm->tag;
	sip_deliver_fn dfn = NULL;
	sip_notify_fn fn = NULL;
	void *cookie = NULL, *ptr = NULL;	/* a transfer's */
	u32 size = 0;
	struct sip_chmsg *m;
	u32 tail;
	int ret;

	sip_lock(&ch->lock);
	if (unlikely(ch->closed)) {
		ret = -EPIPE;
		goto out;
	}
	ret = sip_contract_step(&ch->rules, &ch->cs, ep->side, tag, has_block, why, &next);
	if (unlikely(ret)) {
		if (ret == -EPROTO)
			ep->stats.violations++;
		else
			ep->stats.full++;
		goto out;
	}
	/* Read once: an older tail only takes the ring when it just emptied. */
	tail = sip_load_acquire(&peer->tail);
	if (unlikely(peer->head - tail == ch->depth)) {
		ep->stats.full++;
		ret = -EAGAIN;
		goto out;
	}
	/* (lend_ptr, not ptr: ptr's address is taken, a load after the lock) */
	if (lend_ptr)
		ret = xheap_lend(ch->heap, lend_idx, lend_ptr, lend_size, ep->owner, peer->owner,
				 lent);
	else if (handle)
		ret = xheap_transfer_at(ch->heap, handle, ep->owner, peer->owner, &ptr, &size);
	if (unlikely(ret))
		goto out;
	ch->cs.state = next.state;
	ch->cs.open = next.open;
	/*
	 * Nothing queued to a peer that delivers, and its consumer idle (see
	 * sip_endpoint_set_deliver): straight to it, after the lock. Nothing
	 * sent before is still on its way: the order holds.
	 */
	dfn = peer->deliver;
	if (dfn && peer->head == tail &&
	    (!peer->claim ||
	     call_claim(peer->claim, peer, peer->cookie))) {
		m = from_sip ? NULL : dm;	/* tag and args there already */
	} else {
		dfn = NULL;
		m = &peer->ring[peer->head & (ch->depth - 1)];
		if (from_sip)
			sip_chmsg_set(m, tag, a0, a1, a2);
		else
			sip_chmsg_set(m, tag, dm->args[0], dm->args[1], dm->args[2]);
	}
	if (m) {
		m->ptr = lend_ptr ? lend_ptr : ptr;
		m->size = lend_ptr ? lend_size : size;
		m->flags = 0;
		m->block = lend_ptr ? *lent : handle;
	}
	if (!dfn) {
		sip_store_release(&peer->head, peer->head + 1);	/* published */
		fn = peer->notify;
	}
	ep->stats.sent++;
	cookie = peer->cookie;
out:
	/*
	 * Our open end keeps the channel. A delivery runs pinned since the
	 * lock: a lend it brings is waited out by its lender (see
	 * sip_deliver_fn).
	 */
	if (dfn) {
		sip_unlock_pinned(&ch->lock);
		if (from_sip)	/* never a lend: the block is @handle */
			deliver_built(dfn, peer, cookie, tag, a0, a1, a2, ptr, size, handle);
		else
			call_deliver(dfn, peer, cookie, dm);
		sip_unpin();
		return 0;	/* dfn is set past every check: saying so keeps callers' failure paths dead */
	}
	sip_unlock(&ch->lock);
	if (fn && from_sip)
		call_kern_notify(fn, peer, cookie);
	else if (fn)
		call_notify(fn, peer, cookie);
	return ret;
}

/* The caller's message to send: its tag and arguments. */
static sip_always_inline void msg_init(struct sip_chmsg *m, u32 tag, const u64 *args)
{
	static const u64 none[SIP_CHAN_ARGS];

	if (!args)
		args = none;
	sip_chmsg_set(m, tag, args[0], args[1], args[2]);
}

int sip_channel_send(struct sip_endpoint *ep, u32 tag, const u64 *args, sip_handle_t block,
		     const char **why)
{
	struct sip_chmsg m sip_noinit;	/* tag and args here, the rest by the send */
	const char *dummy;

	msg_init(&m, tag, args);
	return send(ep, &m, 0, 0, 0, 0, block, 0, NULL, 0, NULL, why ? why : &dummy, false);
}

int sip_channel_send_from_sip(struct sip_endpoint *ep, u32 tag, u64 arg0, u64 arg1,
			      sip_handle_t block, const char **why)
{
	return send(ep, NULL, tag, arg0, arg1, 0, block, 0, NULL, 0, NULL, why, true);
}

int sip_channel_lend_msg(struct sip_endpoint *ep, struct sip_chmsg *m, u32 idx, void *ptr,
			 u32 size, sip_handle_t *handle)
{
	const char *dummy;

	if (!ptr)
		return -EINVAL;
	return send(ep, m, 0, 0, 0, 0, 0, idx, ptr, size, handle, &dummy, false);
}

int sip_channel_lend(struct sip_endpoint *ep, u32 tag, const u64 *args, u32 idx, void *ptr,
		     u32 size, sip_handle_t *handle)
{
	struct sip_chmsg m sip_noinit;	/* tag and args here, the rest by the send */

	msg_init(&m, tag, args);
	return sip_channel_lend_msg(ep, &m, idx, ptr, size, handle);
}

int sip_channel_recv(struct sip_endpoint *ep, struct sip_chmsg *msg)
{
	u32 head = sip_load_acquire(&ep->head), tail = ep->tail;

	if (ep->closed)
		return -EPIPE;
	if (head == tail) {
		if (!sip_load_acquire(&peer_of(ep)->closed))
			return 0;
		/* Closed after its last send: that send is visible now. */
		head = sip_load_acquire(&ep->head);
	}
	if (head != tail) {
		*msg = ep->ring[tail & (ep->chan->depth - 1)];
		sip_store_release(&ep->tail, tail + 1);	/* the slot is free */
		return 1;
	}
	if (ep->told_closed)
		return -EPIPE;
	ep->told_closed = true;
	memset(msg, 0, sizeof(*msg));
	msg->flags = SIP_CHMSG_CLOSED;
	return 1;
}

u32 sip_endpoint_pending(struct sip_endpoint *ep)
{
	u32 n;

	sip_lock(&ep->chan->lock);
	n = ep->head - ep->tail;
	if (!n && peer_of(ep)->closed && !ep->told_closed && !ep->closed)
		n = 1;	/* the closed indication */
	sip_unlock(&ep->chan->lock);
	return n;
}

void sip_endpoint_close(struct sip_endpoint *ep)
{
	struct sip_channel *ch = ep->chan;
	struct sip_endpoint *peer = peer_of(ep);
	sip_notify_fn fn;
	void *cookie;

	sip_lock(&ch->lock);
	if (ep->closed) {
		sip_unlock(&ch->lock);
		return;
	}
	sip_store_release(&ep->closed, true);
	ch->closed |= 1u << ep->side;
	ep->notify = NULL;
	/* Blocks in flight to this end are its owner's: nobody will read them. */
	while (ep->tail != ep->head) {
		struct sip_chmsg *m = &ep->ring[ep->tail++ & (ch->depth - 1)];

		if (m->block)
			xheap_free(ch->heap, ep->owner, m->block);
		ep->dropped++;
	}
	fn = peer->closed ? NULL : peer->notify;
	cookie = peer->cookie;
	sip_unlock(&ch->lock);
	if (fn)
		fn(peer, cookie);
	chan_put(ch);	/* this end's reference, kept for the announcement */
}

void sip_endpoint_stats(struct sip_endpoint *ep, struct sip_endpoint_stats *st)
{
	sip_lock(&ep->chan->lock);
	*st = ep->stats;
	/* Not counted per message: what the peer sent, less what waits or was dropped. */
	st->received = peer_of(ep)->stats.sent - (ep->head - ep->tail) - ep->dropped;
	sip_unlock(&ep->chan->lock);
}
