/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the exchange heap's files share (xheap.c, xheap_lend.c,
 * xheap_check.c): the heap's layout (pages, block headers, lent entries,
 * owners) and the small functions that read it. Private to them:
 * everything else goes through xheap.h.
 */
#ifndef _SIPDRV_XHEAP_INTERNAL_H
#define _SIPDRV_XHEAP_INTERNAL_H

#include "xheap.h"

#define HDR_SIZE	32u		/* header in front of small blocks */
#define NR_CLASSES	6
#define LARGE_ID	(1u << 31)	/* header ids of large blocks: LARGE_ID | page */
#define LENT_ID		XHEAP_LENT_OFF	/* ids (and offsets) of lent blocks: LENT_ID | index */
#define FREE_OWNER	0xffffffffu

/* Slot sizes (header included) of the small size classes. */
static const u32 class_slot[NR_CLASSES] = { 64, 128, 256, 512, 1024, 2048 };
#define SMALL_MAX (2048 - HDR_SIZE)

enum page_kind {
	PG_FREE,
	PG_RESERVED,	/* page 0: offset 0 is no block */
	PG_SLAB,	/* carved into slots of one class */
	PG_LARGE,	/* first page of a large block */
	PG_LARGE_TAIL,
};

struct xpage {
	u8 kind;
	u8 cls;		/* PG_SLAB */
	u16 pad;
	u32 run;	/* PG_LARGE: pages in the block; PG_FREE: unused */
};

/* A block's header: in front of a small block, in large_hdr[] for a large one. */
struct xblock {
	u32 gen;	/* bumped on every free: stale handles do not match */
	u32 owner;	/* FREE_OWNER when free */
	u32 size;	/* bytes asked for */
	u32 charge;	/* bytes charged to the owner */
	u32 prev;	/* owner's list, header ids (0: none) */
	u32 next;	/* owner's list; for free small slots, the class free list */
	u32 lender;	/* lent blocks: who lent it (the transfer back to it ends it) */
	u32 pad;
};

/* A lent entry: its header and where the memory is, together (one page, one line). */
struct xlent {
	struct xblock b;
	void *ptr;		/* NULL: not lent */
};

struct xowner {
	struct xheap_quota quota;
	struct xheap_usage usage;
	u32 head;	/* header id of the first block held */
};

struct xheap {
	struct sip_lock lock;
	u8 *base;
	u32 size;
	u32 nr_pages;
	u32 free_pages;
	u32 next_fit;	/* where the page search starts */
	struct xpage *pages;
	struct xblock *large_hdr;	/* per page */
	u32 class_free[NR_CLASSES];	/* header id of the first free slot */
	/*
	 * Lent blocks: memory outside the region, lent by the kernel side
	 * through entries it reserved. They move, and end, without the lock:
	 * an atomic change of gen and owner together, and no owners' lists or
	 * counters (usage and reclaim scan the entries ever reserved; they
	 * are rare). Quotas do not apply: the lender's reserved entries bound
	 * them.
	 */
	u32 lent_free;			/* index + 1 of the first unreserved one (0: none) */
	u32 lent_used;			/* entries ever reserved are below this */
	/* which owners are in use, a bit each: a lend's check reads this page only */
	u64 owner_used[XHEAP_MAX_OWNERS / 64];
	struct xowner *owners;		/* XHEAP_MAX_OWNERS */
	u32 blocks;
	u64 bytes;
	/*
	 * Last, right after the fields above: the entries reserved first
	 * (a disk's) share their page, and a lent block's send, its answer
	 * and their checks touch that page alone.
	 */
	struct xlent lent[XHEAP_MAX_LENT];
};

static sip_always_inline struct xblock *hdr(struct xheap *h, u32 id)
{
	if (id & LARGE_ID)
		return &h->large_hdr[id & ~LARGE_ID];
	if (id & LENT_ID)
		return &h->lent[id & ~LENT_ID].b;
	return (struct xblock *)(h->base + id);
}

/* The offset a handle carries: in the region, or LENT_ID | index. */
static sip_always_inline u32 data_off(u32 id)
{
	if (id & LARGE_ID)
		return (id & ~LARGE_ID) * XHEAP_PAGE;
	return id & LENT_ID ? id : id + HDR_SIZE;
}

static sip_always_inline void *data_ptr(struct xheap *h, u32 id)
{
	return id & LENT_ID ? h->lent[id & ~LENT_ID].ptr : h->base + data_off(id);
}

/* gen and owner, read or changed at once (lent blocks change without the lock) */
static inline u64 *genown(struct xblock *b)
{
	return (u64 *)&b->gen;
}

#define GENOWN(gen, owner) ((u64)(owner) << 32 | (gen))

static inline u32 next_gen(u32 gen)
{
	return gen + 1 + (gen == 0xffffffffu);	/* never 0: handles always carry one */
}

/* The header id of the block whose data is at @off, or 0. */
static sip_always_inline u32 id_of_off(struct xheap *h, u32 off)
{
	u32 pg = off / XHEAP_PAGE, in = off % XHEAP_PAGE, slot;

	if (off & LENT_ID)
		return (off & ~LENT_ID) < XHEAP_MAX_LENT ? off : 0;
	if (pg >= h->nr_pages)
		return 0;
	switch (h->pages[pg].kind) {
	case PG_LARGE:
		return in ? 0 : LARGE_ID | pg;
	case PG_SLAB:
		slot = class_slot[h->pages[pg].cls];
		if (in < HDR_SIZE || ((in - HDR_SIZE) & (slot - 1)))	/* slots: powers of two */
			return 0;
		return off - HDR_SIZE;
	default:
		return 0;
	}
}

static inline bool owner_valid(const struct xheap *h, u32 owner)
{
	return owner < XHEAP_MAX_OWNERS && (h->owner_used[owner / 64] >> (owner % 64)) & 1;
}

/*
 * A lent block's end: only forgotten (the memory is the lender's). By the
 * one who ended it: no one lends through entry i before its end returns.
 */
static inline void lent_forget(struct xheap *h, u32 i)
{
	sip_store_release(&h->lent[i].ptr, NULL);
}

/*
 * Without the lock: ends the lent block @id of generation @gen, whoever
 * holds it. Returns its holder, or -ENOENT when it was gone. The cmpxchg
 * orders it against transfers and other ends.
 */
static sip_always_inline int lent_end(struct xheap *h, u32 id, u32 gen)
{
	struct xblock *b = hdr(h, id);
	u64 cur = sip_load_acquire(genown(b));

	for (;;) {
		u32 owner = (u32)(cur >> 32), seen;
		u64 was;

		if ((u32)cur != gen || owner == FREE_OWNER)
			return -ENOENT;
		was = sip_atomic_cmpxchg64(genown(b), cur, GENOWN(next_gen(gen), FREE_OWNER));
		if (was != cur) {
			cur = was;	/* it moved meanwhile: again */
			continue;
		}
		seen = owner;
		lent_forget(h, id & ~LENT_ID);
		return (int)seen;
	}
}

#endif /* _SIPDRV_XHEAP_INTERNAL_H */
