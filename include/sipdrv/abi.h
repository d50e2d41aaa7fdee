/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The SIP ABI: what a driver's bytecode and sipdrv agree on. Entry points and
 * their contexts, the helpers (numbers, names, argument and return types:
 * one table, SIP_HELPERS, used by the SDK, the verifier, the runtime and the
 * disassembler), the pseudo-instructions that address a SIP's private data,
 * and the manifest a driver carries. Shared by kernel, user space and BPF
 * code: fixed-size types only, the same layout on every side.
 */
#ifndef _SIPDRV_ABI_H
#define _SIPDRV_ABI_H

#include <sipdrv/isa.h>
#include <sipdrv/types.h>

/* ---- entry points: one ELF section each ---- */
enum sip_entry_kind {
	SIP_ENTRY_INIT,		/* "sip/init": once, when the SIP starts */
	SIP_ENTRY_MSG,		/* "sip/msg": a message arrived on a channel */
	SIP_ENTRY_IRQ,		/* "sip/irq": an interrupt of a granted device */
	SIP_ENTRY_EXIT,		/* "sip/exit": the SIP is being stopped */
	SIP_ENTRY__COUNT
};

#define SIP_ENTRY_SECTIONS(X)		\
	X(SIP_ENTRY_INIT, "sip/init")	\
	X(SIP_ENTRY_MSG, "sip/msg")	\
	X(SIP_ENTRY_IRQ, "sip/irq")	\
	X(SIP_ENTRY_EXIT, "sip/exit")

#define SIP_MAX_PARAMS		8
#define SIP_MAX_CHANNELS	8
#define SIP_MAX_SLOTS		1024
#define SIP_MSG_ARGS		3

/* r1 of init and exit handlers: the load parameters (read-only). */
struct sip_init_ctx {
	u64 params[SIP_MAX_PARAMS];	/* manifest order; defaults where not given */
};

/* r1 of message handlers (read-only). */
struct sip_msg {
	u32 chan;		/* the channel (a handle: pass it to sip_send) */
	u32 tag;		/* the contract's message tag */
	u64 args[SIP_MSG_ARGS];	/* the message's scalar arguments */
	u64 block_size;		/* size of the attached block; 0 when none */
};

/* r1 of interrupt handlers (read-only). */
struct sip_irq_ctx {
	u32 irq;		/* which of the granted interrupts */
	u32 reserved;
	u64 count;		/* interrupts since the last run */
};

/* Private data is addressed by lddw with src SIP_PSEUDO_DATA/_RODATA (isa.h). */

/* ---- helpers ---- */
enum sip_arg_type {
	SIP_ARG_NONE,		/* not an argument */
	SIP_ARG_SCALAR,		/* any initialised scalar */
	SIP_ARG_CONST,		/* a scalar known when verifying (slot, channel index) */
	/*
	 * Memory [p, p + size) the driver may reach (its stack, private data,
	 * an owned block; read-only data for reading), its size the next
	 * SIP_ARG_SIZE argument: two memory arguments may share one size.
	 */
	SIP_ARG_MEM_RO,		/* read by the helper: initialised */
	SIP_ARG_MEM_RW,		/* read and written by the helper: initialised, writable */
	SIP_ARG_SIZE,		/* the size of the memory arguments before it */
	SIP_ARG_BLOCK,		/* an owned exchange block, still owned afterwards */
	SIP_ARG_BLOCK_FREE,	/* an owned block or NULL, released by the call */
	SIP_ARG_BLOCK_SEND,	/* an owned block or NULL, released when the call returns 0 */
	SIP_ARG_CHAN,		/* a channel handle */
	SIP_ARG_CTX,		/* the handler's context (r1 at entry) */
	/*
	 * Memory the helper fills: every byte of [p, p + size) is written,
	 * even when the call fails, so it need not be initialised before.
	 */
	SIP_ARG_MEM_WO,
	/*
	 * A format (sip_printk): a constant pointer into read-only data, where
	 * the verifier finds a NUL-terminated format it can parse; each
	 * SIP_ARG_FMT_ARG after it is checked against its conversion (a
	 * number; for %s a string in read-only data), and those the format
	 * does not use are not read.
	 */
	SIP_ARG_FMT,
	SIP_ARG_FMT_ARG,
};

/* The most bytes a memory argument (SIP_ARG_MEM_*) may span. */
#define SIP_MEM_ARG_MAX		65536

enum sip_ret_type {
	SIP_RET_SCALAR,		/* a scalar */
	SIP_RET_SEND,		/* 0 or -errno; decides the fate of a SIP_ARG_BLOCK_SEND */
	SIP_RET_BLOCK_OR_NULL,	/* a newly owned block, or NULL */
	SIP_RET_BLOCK_SIZE,	/* the size of the SIP_ARG_BLOCK argument */
	SIP_RET_CHAN,		/* a channel handle */
	SIP_RET_ERR,		/* 0 or -errno: in [-4095, 0] */
	SIP_RET_U32,		/* a number in [0, 2^32 - 1] */
};

/*
 * X(number, name, C return type, C parameters, return type, argument types
 * (5), entry kinds allowed (bit mask), what it does). Numbers never change
 * once released; 0 is no helper. The SDK declares sip_NAME from the C
 * columns; the verifier checks calls against the typed columns.
 */
typedef u32 sip_chan_t;
#define SIP_ANY_ENTRY ((1u << SIP_ENTRY__COUNT) - 1)
#define _A0 SIP_ARG_NONE, SIP_ARG_NONE, SIP_ARG_NONE, SIP_ARG_NONE, SIP_ARG_NONE
#define _A1(a) a, SIP_ARG_NONE, SIP_ARG_NONE, SIP_ARG_NONE, SIP_ARG_NONE
#define _A2(a, b) a, b, SIP_ARG_NONE, SIP_ARG_NONE, SIP_ARG_NONE
#define _A3(a, b, c) a, b, c, SIP_ARG_NONE, SIP_ARG_NONE
#define _A4(a, b, c, d) a, b, c, d, SIP_ARG_NONE
#define SIP_HELPERS(X)							\
	X(1, block_alloc, void *, (u64 size),				\
	  SIP_RET_BLOCK_OR_NULL, _A1(SIP_ARG_SCALAR), SIP_ANY_ENTRY,	\
	  "allocate an exchange-heap block of r1 bytes")		\
	X(2, block_free, long, (void *block),				\
	  SIP_RET_SCALAR, _A1(SIP_ARG_BLOCK_FREE), SIP_ANY_ENTRY,	\
	  "free an owned block (NULL is allowed)")			\
	X(3, block_size, u64, (void *block),				\
	  SIP_RET_BLOCK_SIZE, _A1(SIP_ARG_BLOCK), SIP_ANY_ENTRY,	\
	  "the size of an owned block")					\
	X(4, send, long, (sip_chan_t chan, u64 tag, u64 arg0, u64 arg1, void *block), \
	  SIP_RET_SEND, SIP_ARG_CHAN, SIP_ARG_SCALAR, SIP_ARG_SCALAR,	\
	  SIP_ARG_SCALAR, SIP_ARG_BLOCK_SEND, SIP_ANY_ENTRY,		\
	  "send a message; 0 moves the block (or NULL) to the peer, -errno leaves it") \
	X(5, msg_block, void *, (struct sip_msg *msg),			\
	  SIP_RET_BLOCK_OR_NULL, _A1(SIP_ARG_CTX), 1u << SIP_ENTRY_MSG,	\
	  "take the block the message carries (NULL: none, or taken)")	\
	/* The slot: a number below the manifest's nr_slots. */	\
	X(6, slot_xchg, void *, (u64 slot, void *block),		\
	  SIP_RET_BLOCK_OR_NULL, _A2(SIP_ARG_CONST, SIP_ARG_BLOCK_FREE), \
	  SIP_ANY_ENTRY,						\
	  "keep a block (or NULL) in a slot across events; returns the one that was there") \
	X(7, chan, sip_chan_t, (u64 index),				\
	  SIP_RET_CHAN, _A1(SIP_ARG_CONST), SIP_ANY_ENTRY,		\
	  "the handle of the manifest's channel number r1")		\
	X(8, log, long, (const void *buf, u64 len),			\
	  SIP_RET_SCALAR, _A2(SIP_ARG_MEM_RO, SIP_ARG_SIZE), SIP_ANY_ENTRY, \
	  "write r2 bytes at r1 to the kernel log")			\
	X(9, time_ns, u64, (void),					\
	  SIP_RET_SCALAR, _A0, SIP_ANY_ENTRY,				\
	  "monotonic time in nanoseconds")				\
	X(10, abort, long, (long code),					\
	  SIP_RET_SCALAR, _A1(SIP_ARG_SCALAR), SIP_ANY_ENTRY,		\
	  "stop the SIP with error r1; it is recovered")		\
	X(11, io_read, u64, (u64 res, u64 off, u64 width),		\
	  SIP_RET_SCALAR, _A3(SIP_ARG_CONST, SIP_ARG_SCALAR, SIP_ARG_CONST), \
	  SIP_ANY_ENTRY,						\
	  "read r3 bytes at offset r2 of granted device resource r1")	\
	X(12, io_write, long, (u64 res, u64 off, u64 val, u64 width),	\
	  SIP_RET_SCALAR, _A4(SIP_ARG_CONST, SIP_ARG_SCALAR, SIP_ARG_SCALAR, SIP_ARG_CONST), \
	  SIP_ANY_ENTRY,						\
	  "write r3 (r4 bytes) at offset r2 of granted device resource r1") \
	X(13, irq_ack, long, (u64 irq),					\
	  SIP_RET_SCALAR, _A1(SIP_ARG_CONST), 1u << SIP_ENTRY_IRQ,	\
	  "re-enable granted interrupt r1")				\
	X(14, dma_addr, u64, (void *block),				\
	  SIP_RET_SCALAR, _A1(SIP_ARG_BLOCK), SIP_ANY_ENTRY,		\
	  "the device (bus) address of an owned block")		\
	/* Granted memory: kernel memory only helpers reach, bounds-checked. */	\
	X(15, grant, long, (u64 bytes),					\
	  SIP_RET_SCALAR, _A1(SIP_ARG_SCALAR), 1u << SIP_ENTRY_INIT,	\
	  "ask for r1 bytes of zeroed granted memory (once, in init)")	\
	X(16, grant_read, long, (u64 goff, void *block, u64 boff, u64 len), \
	  SIP_RET_SCALAR, _A4(SIP_ARG_SCALAR, SIP_ARG_BLOCK, SIP_ARG_SCALAR, SIP_ARG_SCALAR), \
	  SIP_ANY_ENTRY,						\
	  "copy r4 bytes of granted memory at r1 into the block at r3")	\
	X(17, grant_write, long, (u64 goff, void *block, u64 boff, u64 len), \
	  SIP_RET_SCALAR, _A4(SIP_ARG_SCALAR, SIP_ARG_BLOCK, SIP_ARG_SCALAR, SIP_ARG_SCALAR), \
	  SIP_ANY_ENTRY,						\
	  "copy r4 bytes of the block at r3 into granted memory at r1")	\
	/* Copies and fills of memory the verifier proves: any two regions. */	\
	X(18, memcpy, long, (void *dst, const void *src, u64 len),	\
	  SIP_RET_ERR, _A3(SIP_ARG_MEM_WO, SIP_ARG_MEM_RO, SIP_ARG_SIZE),	\
	  SIP_ANY_ENTRY,						\
	  "copy r3 bytes from r2 to r1 (they may overlap); returns 0")	\
	X(19, memset, long, (void *dst, u64 c, u64 len),		\
	  SIP_RET_ERR, _A3(SIP_ARG_MEM_WO, SIP_ARG_SCALAR, SIP_ARG_SIZE),	\
	  SIP_ANY_ENTRY,						\
	  "fill r3 bytes at r1 with the byte r2; returns 0")		\
	/* A block at an offset checked when the call runs: -ERANGE outside. */	\
	X(20, block_read, long, (void *block, u64 off, void *dst, u64 len), \
	  SIP_RET_ERR, _A4(SIP_ARG_BLOCK, SIP_ARG_SCALAR, SIP_ARG_MEM_WO, SIP_ARG_SIZE), \
	  SIP_ANY_ENTRY,						\
	  "copy r4 bytes of the block at offset r2 to r3 (zeroed when it fails)") \
	X(21, block_write, long, (void *block, u64 off, const void *src, u64 len), \
	  SIP_RET_ERR, _A4(SIP_ARG_BLOCK, SIP_ARG_SCALAR, SIP_ARG_MEM_RO, SIP_ARG_SIZE), \
	  SIP_ANY_ENTRY,						\
	  "copy r4 bytes at r3 into the block at offset r2")		\
	X(22, block_copy, long, (void *dst, u64 doff, void *src, u64 soff, u64 len), \
	  SIP_RET_ERR, SIP_ARG_BLOCK, SIP_ARG_SCALAR, SIP_ARG_BLOCK,	\
	  SIP_ARG_SCALAR, SIP_ARG_SCALAR, SIP_ANY_ENTRY,		\
	  "copy r5 bytes of block r3 at offset r4 into block r1 at offset r2") \
	/* Granted memory and memory the verifier proves. */		\
	X(23, grant_load, long, (u64 goff, void *dst, u64 len),	\
	  SIP_RET_ERR, _A3(SIP_ARG_SCALAR, SIP_ARG_MEM_WO, SIP_ARG_SIZE),	\
	  SIP_ANY_ENTRY,						\
	  "copy r3 bytes of granted memory at r1 to r2 (zeroed when it fails)") \
	X(24, grant_store, long, (u64 goff, const void *src, u64 len),	\
	  SIP_RET_ERR, _A3(SIP_ARG_SCALAR, SIP_ARG_MEM_RO, SIP_ARG_SIZE),	\
	  SIP_ANY_ENTRY,						\
	  "copy r3 bytes at r2 into granted memory at r1")		\
	X(25, crc32, u32, (u32 crc, const void *buf, u64 len),		\
	  SIP_RET_U32, _A3(SIP_ARG_SCALAR, SIP_ARG_MEM_RO, SIP_ARG_SIZE),	\
	  SIP_ANY_ENTRY,						\
	  "the CRC-32 of r3 bytes at r2, going on from r1 (0 to start), as zlib's crc32()") \
	X(26, printk, long, (const char *fmt, u64 a0, u64 a1, u64 a2, u64 a3), \
	  SIP_RET_SCALAR, SIP_ARG_FMT, SIP_ARG_FMT_ARG, SIP_ARG_FMT_ARG,	\
	  SIP_ARG_FMT_ARG, SIP_ARG_FMT_ARG, SIP_ANY_ENTRY,		\
	  "log a line: the format at r1 with r2-r5; returns its length")

enum sip_helper_id {
	SIP_HELPER_NONE = 0,
#define _SIP_HELPER_ID(nr, name, ...) SIP_HELPER_##name = nr,
	SIP_HELPERS(_SIP_HELPER_ID)
#undef _SIP_HELPER_ID
	SIP_HELPER__END,
	/* Internal, never in a driver: the rewriter's trap (r1: enum sip_trap). */
	SIP_HELPER_TRAP = 0x7ff0,
};

enum sip_trap {
	SIP_TRAP_FUEL = 1,	/* the handler ran out of fuel (a loop ran too long) */
};

/* ---- the manifest: one per driver, in section ".sip.manifest" ---- */
#define SIP_MANIFEST_MAGIC	0x54464e4d50495353ull	/* "SSIPMNFT" */
#define SIP_MANIFEST_VERSION	1
#define SIP_NAME_LEN		32
#define SIP_CONTRACT_NAME_LEN	32
#define SIP_PARAM_NAME_LEN	24

enum sip_dev_class {
	SIP_CLASS_NONE,		/* no device: talks over channels only */
	SIP_CLASS_BLOCK,	/* a block device (/dev/sipblkN) */
	SIP_CLASS_CHAR,
	SIP_CLASS_NET,
	SIP_CLASS_PCI,
	SIP_CLASS__COUNT
};

struct sip_manifest_chan {
	char name[16];
	char contract[SIP_CONTRACT_NAME_LEN];
	u64 contract_hash;	/* of the contract's definition (contracts.h) */
	u32 side;		/* the driver's end: enum sip_side (contracts.h) */
	u32 reserved;		/* zero */
};

struct sip_manifest_param {
	char name[SIP_PARAM_NAME_LEN];
	u64 def;
	u64 min;
	u64 max;
};

struct sip_manifest {
	u64 magic;		/* SIP_MANIFEST_MAGIC */
	u32 version;		/* SIP_MANIFEST_VERSION */
	u32 dev_class;		/* enum sip_dev_class */
	char name[SIP_NAME_LEN];
	u32 nr_channels;
	u32 nr_params;
	u32 nr_slots;		/* blocks kept across events (sip_slot_xchg) */
	u32 max_blocks;		/* exchange-heap quota: blocks owned at once */
	u64 max_bytes;		/* exchange-heap quota: bytes owned at once */
	u64 fuel;		/* instructions per handler run (0: the default) */
	struct sip_manifest_chan chans[SIP_MAX_CHANNELS];
	struct sip_manifest_param params[SIP_MAX_PARAMS];
	u64 reserved[8];	/* zero: room for hardware resources */
};

#endif /* _SIPDRV_ABI_H */
