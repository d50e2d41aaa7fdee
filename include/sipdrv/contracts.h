/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Channel contracts, written once for kernel C, driver C (through the SDK)
 * and user space. A contract is a state machine over message tags between
 * the two ends of a channel: the client (the kernel's device shim, or the
 * pinging side) and the server (the driver). Each message row names its tag,
 * the side that sends it, the state it is valid in and the state it leads
 * to, what it does to the count of open requests (+1 opens one, -1 closes
 * one: a reply without a request is a violation) and whether it carries a
 * block. Every send is checked against its row in O(1); a violation faults
 * the sender and leaves the peer intact.
 *
 * The hash of a contract is computed from its rows by the preprocessor, so
 * a driver's manifest (built with the SDK) and the kernel compute it the
 * same way: a driver built against another definition is refused at load.
 */
#ifndef _SIPDRV_CONTRACTS_H
#define _SIPDRV_CONTRACTS_H

#include <sipdrv/types.h>

enum sip_side {
	SIP_CLIENT,		/* the kernel's shim, or the side that asks */
	SIP_SERVER,		/* the driver, or the side that answers */
};

enum sip_payload {
	SIP_PAYLOAD_NONE,	/* never a block */
	SIP_PAYLOAD_OPTIONAL,	/* a block or none */
	SIP_PAYLOAD_REQUIRED,	/* always a block */
};

/*
 * The block-device contract (the blk shim and a block driver).
 *   HELLO   server -> client  INIT -> READY   arg0: capacity in bytes,
 *                                             arg1: logical block size
 *   REQ     client -> server  READY           arg0: op (enum sip_blk_op),
 *                                             arg1: byte offset, arg2: bytes;
 *                                             opens a request; the block
 *                                             carries write data, or is the
 *                                             buffer a read fills
 *   DONE    server -> client  READY           arg0: the request's arg0..,
 *                                             arg1: status (0 or -errno);
 *                                             closes a request; gives the
 *                                             block back
 * Requests are matched by a request id the client puts in the high 32 bits
 * of REQ's arg0 and the server echoes in DONE's arg0.
 */
#define SIP_CONTRACT_BLOCK_ID	1
#define SIP_CONTRACT_BLOCK_NAME	"sipdrv.block"
#define SIP_CONTRACT_BLOCK_STATES(S) S(BLK_INIT) S(BLK_READY)
#define SIP_CONTRACT_BLOCK_MSGS(M)						\
	M(BLK_HELLO, SIP_SERVER, BLK_INIT, BLK_READY, 0, SIP_PAYLOAD_NONE)	\
	M(BLK_REQ, SIP_CLIENT, BLK_READY, BLK_READY, 1, SIP_PAYLOAD_OPTIONAL)	\
	M(BLK_DONE, SIP_SERVER, BLK_READY, BLK_READY, -1, SIP_PAYLOAD_OPTIONAL)

enum sip_blk_op {
	SIP_BLK_READ = 0,
	SIP_BLK_WRITE = 1,
	SIP_BLK_FLUSH = 2,
	SIP_BLK_DISCARD = 3,
};

/*
 * The ping contract (tests and benchmarks): PING (client) opens a request
 * with any arguments and an optional block; ECHO (server) closes one,
 * usually sending them back.
 */
#define SIP_CONTRACT_PING_ID	2
#define SIP_CONTRACT_PING_NAME	"sipdrv.ping"
#define SIP_CONTRACT_PING_STATES(S) S(PING_READY)
#define SIP_CONTRACT_PING_MSGS(M)						\
	M(PING, SIP_CLIENT, PING_READY, PING_READY, 1, SIP_PAYLOAD_OPTIONAL)	\
	M(ECHO, SIP_SERVER, PING_READY, PING_READY, -1, SIP_PAYLOAD_OPTIONAL)

/* Every contract: X(NAME, id). */
#define SIP_CONTRACTS(X)	\
	X(BLOCK, 1)		\
	X(PING, 2)

/* Tags and states, per contract: SIP_BLK_HELLO = 1, ... (0 is no tag). */
#define _SIP_ENUM_TAG(tag, ...) SIP_##tag,
#define _SIP_ENUM_STATE(st) SIP_##st,
enum { SIP_BLK_NOTAG, SIP_CONTRACT_BLOCK_MSGS(_SIP_ENUM_TAG) SIP_BLK_NR_TAGS };
enum { SIP_CONTRACT_BLOCK_STATES(_SIP_ENUM_STATE) SIP_BLK_NR_STATES };
enum { SIP_PING_NOTAG, SIP_CONTRACT_PING_MSGS(_SIP_ENUM_TAG) SIP_PING_NR_TAGS };
enum { SIP_CONTRACT_PING_STATES(_SIP_ENUM_STATE) SIP_PING_NR_STATES };
#undef _SIP_ENUM_TAG
#undef _SIP_ENUM_STATE

/* ---- the hash: a constant expression over the rows ---- */
#define _SIP_MIX(x) ((((u64)(x) ^ ((u64)(x) >> 31)) * 0x9e3779b97f4a7c15ull) ^ \
		     ((((u64)(x) ^ ((u64)(x) >> 31)) * 0x9e3779b97f4a7c15ull) >> 29))
/* Row n (its tag) mixed with every field, so order and content both count. */
#define _SIP_ROW(tag, side, from, to, delta, payload)			\
	+ _SIP_MIX(((u64)SIP_##tag << 40) ^ ((u64)(side) << 32) ^		\
		   ((u64)SIP_##from << 24) ^ ((u64)SIP_##to << 16) ^		\
		   ((u64)((delta) & 0xff) << 8) ^ (u64)(payload))
#define _SIP_CONTRACT_HASH(id, nr_states, MSGS)				\
	(_SIP_MIX(((u64)(id) << 32) ^ (nr_states)) MSGS(_SIP_ROW))
#define SIP_CONTRACT_BLOCK_HASH \
	_SIP_CONTRACT_HASH(SIP_CONTRACT_BLOCK_ID, SIP_BLK_NR_STATES, SIP_CONTRACT_BLOCK_MSGS)
#define SIP_CONTRACT_PING_HASH \
	_SIP_CONTRACT_HASH(SIP_CONTRACT_PING_ID, SIP_PING_NR_STATES, SIP_CONTRACT_PING_MSGS)

/*
 * The tags one side of a contract may send, as a bit mask (bit t: tag t),
 * a constant expression: SIP_CONTRACT_SENDS(BLOCK, SIP_SERVER) is
 * HELLO | DONE. What the verifier knows before a driver runs.
 */
#define _SIP_SENDS_CLIENT(tag, side, ...) | ((side) == SIP_CLIENT ? 1u << SIP_##tag : 0u)
#define _SIP_SENDS_SERVER(tag, side, ...) | ((side) == SIP_SERVER ? 1u << SIP_##tag : 0u)
#define SIP_CONTRACT_SENDS(C, side)					\
	((side) == SIP_SERVER ? (0u SIP_CONTRACT_##C##_MSGS(_SIP_SENDS_SERVER)) :	\
				(0u SIP_CONTRACT_##C##_MSGS(_SIP_SENDS_CLIENT)))

/*
 * A manifest's channels: .chans = { SIP_SERVES("blk", BLOCK) } for a channel
 * on which the driver is the contract's server, SIP_USES for its client.
 */
#define SIP_SERVES(chan_name, C)					\
	{ .name = chan_name, .contract = SIP_CONTRACT_##C##_NAME,	\
	  .contract_hash = SIP_CONTRACT_##C##_HASH, .side = SIP_SERVER }
#define SIP_USES(chan_name, C)						\
	{ .name = chan_name, .contract = SIP_CONTRACT_##C##_NAME,	\
	  .contract_hash = SIP_CONTRACT_##C##_HASH, .side = SIP_CLIENT }

#endif /* _SIPDRV_CONTRACTS_H */
