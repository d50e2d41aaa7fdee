/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The exchange heap: memory the runtime owns, from which SIPs and the kernel
 * side allocate blocks that move between them (Singularity's exchange heap).
 *
 * Every block has exactly one owner at a time: a registered owner (a SIP
 * instance) or the kernel (XHEAP_KERNEL). Sending a block transfers it; only
 * the owner may touch, send or free it; when a SIP dies, reclaim_all frees
 * whatever it still held. Owners have quotas (blocks and bytes at once) so
 * one driver cannot exhaust the heap, and usage with high-water marks.
 *
 * Blocks are named across domains by handle (offset and generation), never
 * by address; a stale handle (freed, reused) is detected by its generation.
 * The offsets number one virtual heap cut into chunks of 2 MiB, each backed
 * by memory of its own only while it holds blocks (the first always, and a
 * spare kept ready): the memory follows use. Small blocks (up to 2016 bytes)
 * come from size classes carved out of pages; larger ones are runs of whole
 * pages inside one chunk, page-aligned (for DMA and mapping).
 */
#ifndef _SIPDRV_XHEAP_H
#define _SIPDRV_XHEAP_H

#include "platform.h"

typedef u64 sip_handle_t;	/* generation << 32 | data offset; 0 is none */

#define XHEAP_KERNEL		0	/* the kernel side's owner id */
#define XHEAP_MAX_OWNERS	256
#define XHEAP_PAGE		4096u
#define XHEAP_MAX_BLOCK		(1u << 20)	/* the largest block: 1 MiB */
#define XHEAP_MAX_LENT		4096	/* lent blocks at once, all owners */
#define XHEAP_LENT_OFF		(1u << 30)	/* handles of lent blocks: this | index */

struct xheap;

struct xheap_quota {
	u32 max_blocks;		/* 0: no limit */
	u64 max_bytes;		/* 0: no limit */
};

struct xheap_usage {
	u32 blocks, hw_blocks;	/* held now, most ever */
	u64 bytes, hw_bytes;	/* charged now (class or page size), most ever */
	u64 allocs, frees;	/* counts since the owner was added */
	u64 in, out;		/* blocks received and given away by transfer */
};

struct xheap_stats {
	u32 pages, free_pages;	/* of the heap's numbering, backed or not */
	u32 backed_pages;	/* memory held now: chunks in use, spares, chunks being freed */
	u32 blocks;		/* allocated, all owners */
	u64 bytes;		/* charged, all owners */
	u32 owners;
};

/*
 * A heap of @size bytes (rounded up to whole pages, and past one chunk to
 * whole chunks), or ERR_PTR(-EINVAL) for a size below 2 pages or of 1 GiB
 * and more, ERR_PTR(-ENOMEM). Where the caller may sleep: it allocates the
 * first chunk and the spare.
 */
struct xheap *xheap_create(u32 size);
/* Where the caller may sleep. */
void xheap_destroy(struct xheap *h);
/*
 * Where the caller may sleep: does now what the heap's own work item does
 * after an allocation or a free (spares backed, empty chunks' memory
 * freed), and waits for it.
 */
void xheap_flush(struct xheap *h);

/* Registers an owner with a quota; *id receives its id (never XHEAP_KERNEL). */
int xheap_owner_add(struct xheap *h, const struct xheap_quota *q, u32 *id);
/* Frees what the owner still holds, then forgets it; returns the blocks freed. */
u32 xheap_owner_remove(struct xheap *h, u32 id);

/*
 * A block of @size bytes for @owner. Returns 0 with *handle and *ptr (the
 * data, zeroed), -EDQUOT over the owner's quota, -ENOMEM when the heap is
 * full or its free space has no memory behind it yet (it is on its way:
 * try again later), -EINVAL for a size of 0 or above XHEAP_MAX_BLOCK.
 * Never sleeps and never allocates memory: legal where preemption is off.
 */
int xheap_alloc(struct xheap *h, u32 owner, u32 size, sip_handle_t *handle, void **ptr);
/*
 * The same where the caller may sleep (a SIP's init, an ioctl): free space
 * without memory behind it gets it now; -ENOMEM only when the heap is full
 * or the system has no memory.
 */
int xheap_alloc_wait(struct xheap *h, u32 owner, u32 size, sip_handle_t *handle, void **ptr);
/* Frees a block @owner holds; -ENOENT for a stale handle, -EPERM if not its owner's. */
int xheap_free(struct xheap *h, u32 owner, sip_handle_t handle);
/* Gives a block @from holds to @to; -EDQUOT over @to's quota (it stays with @from). */
int xheap_transfer(struct xheap *h, sip_handle_t handle, u32 from, u32 to);
/* The same, and where the block is and its size (for the new owner: no lookup). */
int xheap_transfer_at(struct xheap *h, sip_handle_t handle, u32 from, u32 to, void **ptr,
		      u32 *size);
/* The data of a block @owner holds (and its size), or NULL. */
void *xheap_ptr(struct xheap *h, sip_handle_t handle, u32 owner, u32 *size);
/*
 * The handle of the block whose data starts at @ptr and that @owner holds,
 * or 0. Without the lock: inside a SIP run, or by a caller that holds the
 * block. A look at each chunk's bounds for heap blocks (32 for 64 MiB);
 * lent blocks are looked for among the entries reserved (pass the handle
 * when it is known).
 */
sip_handle_t xheap_handle_of(struct xheap *h, const void *ptr, u32 owner);
/*
 * Lending: memory outside the heap (a block request's page) becomes a
 * block, so that it can be sent without a copy. Kernel SIPs only: a
 * user-space domain would map the heap's chunks, not this. The lender (the kernel side)
 * reserves entries once (xheap_lent_get: -ENOSPC when none is left) and
 * lends through one at a time, without the lock: xheap_lend returns 0 and
 * *@handle, the block lent by @from and held by @to (the lender itself, or
 * the SIP a send lends it to: sip_channel_lend), or -EBUSY when the entry's
 * last block is still held (copy instead). A transfer back to the lender
 * ends the block in the same atomic step (the memory is the lender's
 * again; the transfer still says where it was), and so does a free or a
 * revoke: only the entry is forgotten. xheap_lent_put gives the entry back
 * (and takes its block back from whoever holds it: see xheap_revoke).
 */
int xheap_lent_get(struct xheap *h, u32 *idx);
void xheap_lent_put(struct xheap *h, u32 idx);
int xheap_lend(struct xheap *h, u32 idx, void *ptr, u32 size, u32 from, u32 to,
	       sip_handle_t *handle);
static inline bool xheap_is_lent(sip_handle_t handle)
{
	return ((u32)handle & XHEAP_LENT_OFF) && !((u32)handle & (1u << 31));
}
/* Without the lock: @owner holds @handle now (for lent blocks at delivery). */
bool xheap_held(struct xheap *h, sip_handle_t handle, u32 owner);
/*
 * The lender takes a block back from whoever holds it (a request that ends
 * without its block): it is freed. Returns the owner it had, or -ENOENT if
 * it was gone. When that owner is a SIP, the lender must let every SIP run
 * that could have looked the block up end before it reuses the memory (an
 * RCU grace period in the kernel: runs disable preemption).
 */
int xheap_revoke(struct xheap *h, sip_handle_t handle);
/* Frees every block @owner holds (a dead SIP); returns how many. */
u32 xheap_reclaim_all(struct xheap *h, u32 owner);

void xheap_usage(struct xheap *h, u32 owner, struct xheap_usage *u);
void xheap_stats(struct xheap *h, struct xheap_stats *s);

/*
 * Walks every chunk, page, block, free list and owner list and checks they
 * agree with the counters. Returns 0, or -EUCLEAN with @what describing the first
 * inconsistency (tests).
 */
int xheap_check(struct xheap *h, char *what, u32 size);

#endif /* _SIPDRV_XHEAP_H */
