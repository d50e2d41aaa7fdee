/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Channels: a pair of endpoints, client and server, governed by a contract.
 * Each direction is a bounded ring of messages (a tag, three scalars, at
 * most one block handle). Sending a block transfers its ownership to the
 * receiving end's owner in the exchange heap; a full ring is -EAGAIN, never
 * a silent drop. Closing an end (or its SIP dying) frees the blocks queued
 * to it, and the peer gets a closed indication after the messages already
 * queued to it.
 */
#ifndef _SIPDRV_CHANNEL_H
#define _SIPDRV_CHANNEL_H

#include <sipdrv/abi.h>
#include "contract.h"
#include "xheap.h"

#define SIP_CHAN_ARGS SIP_MSG_ARGS

enum sip_chmsg_flags {
	SIP_CHMSG_CLOSED = 1 << 0,	/* not a message: the peer's end is closed */
};

/*
 * A message. It starts as a SIP's handler sees one (struct sip_msg) and
 * has room for what a SIP's runtime keeps with it (user, avail): a
 * delivered message is the handler's context itself, with no copy. The
 * channel sets tag, args, size, ptr, block and flags; user and avail are
 * the receiver's.
 */
struct sip_chmsg {
	union {
		struct sip_msg msg;	/* user is msg.chan, size msg.block_size */
		struct {
			u32 user;	/* the receiver's (a SIP: the channel's index) */
			u32 tag;
			u64 args[SIP_CHAN_ARGS];
			u64 size;	/* the block's size in bytes (0: none) */
		};
	};
	void *avail;			/* the receiver's (a SIP: the block until taken) */
	/* Set by the channel for the receiver: no lookup of the block. */
	void *ptr;			/* the block's data (in this address space) */
	sip_handle_t block;		/* 0: none; the receiver's once queued */
	u32 flags;			/* enum sip_chmsg_flags */
};

struct sip_endpoint;
struct sip_channel;

/* Called (without locks held) after a message, or the close, reached @ep. */
typedef void (*sip_notify_fn)(struct sip_endpoint *ep, void *cookie);
/*
 * Called (without locks held) with a message for @ep that never entered its
 * ring, in the sender's call, in a section pinned since the send
 * (SIP_PINNED_WAITED_OUT): a lent block it brings may be taken back
 * meanwhile, but its memory stays until the call returns.
 */
typedef void (*sip_deliver_fn)(struct sip_endpoint *ep, void *cookie, struct sip_chmsg *msg);
/* Makes @ep's idle consumer the caller's (see sip_endpoint_set_deliver); false if busy. */
typedef bool (*sip_claim_fn)(struct sip_endpoint *ep, void *cookie);

struct sip_endpoint_stats {
	u64 sent, received;
	u64 full;		/* sends refused for back-pressure */
	u64 violations;		/* sends refused by the contract */
};

/*
 * A channel of @contract whose rings hold @depth messages each (a power of
 * two): also the most requests open at once, so that replies never find a
 * full ring. Blocks sent to the client end go to @client_owner, to the
 * server end to @server_owner. ERR_PTR(-EINVAL) for a depth or contract
 * that cannot be, ERR_PTR(-ENOMEM).
 */
struct sip_channel *sip_channel_create(struct xheap *heap, const struct sip_contract *contract,
				       u32 depth, u32 client_owner, u32 server_owner);
/*
 * The same, with @extra zeroed bytes for its creator in the channel's own
 * allocation (sip_channel_extra), at a 64-byte offset from the channel: as
 * aligned as sip_zalloc's blocks (fit for any object), on the same pages as
 * the channel's state, and alive as long as the channel is, until both
 * ends are closed (ERR_PTR(-EINVAL) for more than 64 KiB).
 */
struct sip_channel *sip_channel_create_extra(struct xheap *heap,
					     const struct sip_contract *contract, u32 depth,
					     u32 client_owner, u32 server_owner, u32 extra);
void *sip_channel_extra(struct sip_channel *ch);
struct sip_endpoint *sip_channel_end(struct sip_channel *ch, u32 side);

/* Where messages to @ep are announced; set before the first send. */
void sip_endpoint_set_notify(struct sip_endpoint *ep, sip_notify_fn fn, void *cookie);
/*
 * Messages that find nothing queued to @ep go straight to @fn (with the
 * notify's cookie), in the sender's call after its lock, instead of through
 * the ring, a notify and a receive; the others, and the close, still come
 * that way. @claim, called under the channel's lock, says whether @ep's
 * consumer is idle, and makes it the sender's: a SIP's end, whose consumer
 * is whichever send finds the SIP idle. NULL: the consumer is the notify
 * function alone, and the peer sends one message at a time (a SIP's peer:
 * its runs never overlap, and the delivery runs inside the send), so an
 * empty ring means an idle consumer. Set before the first send.
 */
void sip_endpoint_set_deliver(struct sip_endpoint *ep, sip_deliver_fn fn, sip_claim_fn claim);
const struct sip_contract *sip_endpoint_contract(const struct sip_endpoint *ep);
u32 sip_endpoint_side(const struct sip_endpoint *ep);
/* A word kept with the end for its owner (a SIP: the channel's index); 0 at first. */
void sip_endpoint_set_user(struct sip_endpoint *ep, u32 user);
u32 sip_endpoint_user(const struct sip_endpoint *ep);

/*
 * Sends from @ep. The block, if any, must be @ep's owner's; on success it is
 * the peer's. Returns 0; -EAGAIN when the peer's ring is full or too many
 * requests are open; -EPIPE when either end is closed; -EDQUOT when the
 * peer's owner may hold no more; -EPERM when the block is not the sender's;
 * -EPROTO when the contract forbids the message (@why says which rule).
 * On any error the block stays with the sender. @ep must not be closed
 * while a send from it is under way.
 */
int sip_channel_send(struct sip_endpoint *ep, u32 tag, const u64 *args, sip_handle_t block,
		     const char **why);
/*
 * The same, for a SIP's send (the runtime's send helper) of @tag with
 * @arg0 and @arg1 (the third argument is 0). Built for a peer that is the
 * kernel's end (a block disk's), whose delivery is inline in the kernel's
 * message path (the message's values reach it in registers); a SIP peer's
 * delivery and announcement are calls. sip_channel_send is built the other
 * way round, for the kernel's sends.
 */
int sip_channel_send_from_sip(struct sip_endpoint *ep, u32 tag, u64 arg0, u64 arg1,
			      sip_handle_t block, const char **why);
/* What the caller sets in such a message: its tag and arguments. */
static inline void sip_chmsg_set(struct sip_chmsg *m, u32 tag, u64 arg0, u64 arg1, u64 arg2)
{
	m->tag = tag;
	m->args[0] = arg0;
	m->args[1] = arg1;
	m->args[2] = arg2;
}
/*
 * The same, with @size bytes at @ptr lent to the peer's owner as the
 * message's block (xheap_lend through the lender's entry @idx): the block
 * is the peer's from the start, and *@handle is its handle (written before
 * the peer can see the message: it may answer before this returns). Returns
 * what sip_channel_send does, or -EBUSY from xheap_lend; on any error
 * nothing is lent.
 */
int sip_channel_lend(struct sip_endpoint *ep, u32 tag, const u64 *args, u32 idx, void *ptr,
		     u32 size, sip_handle_t *handle);
/*
 * The same, of the message @m whose tag and args the caller set (the rest
 * is the send's; @m is the peer's if delivered straight, and left
 * undefined): no copy of them on the way to a SIP's handler.
 */
int sip_channel_lend_msg(struct sip_endpoint *ep, struct sip_chmsg *m, u32 idx, void *ptr,
			 u32 size, sip_handle_t *handle);

/*
 * Takes the next message for @ep. Returns 1 with @msg; 0 when there is none
 * yet; 1 with SIP_CHMSG_CLOSED set once, after the last message, when the
 * peer's end is closed; -EPIPE after that. Lockless: an end's receives (and
 * its close) must come from one context at a time.
 */
int sip_channel_recv(struct sip_endpoint *ep, struct sip_chmsg *msg);

/* Messages waiting for @ep. */
u32 sip_endpoint_pending(struct sip_endpoint *ep);

/*
 * Closes @ep: no more sends or receives; blocks queued to it are freed; the
 * peer is told. The channel is freed when both ends are closed.
 */
void sip_endpoint_close(struct sip_endpoint *ep);

void sip_endpoint_stats(struct sip_endpoint *ep, struct sip_endpoint_stats *st);

#endif /* _SIPDRV_CHANNEL_H */
