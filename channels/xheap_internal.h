/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the exchange heap's files share (xheap.c, xheap_chunk.c,
 * xheap_lend.c, xheap_check.c): the heap's layout (chunks, pages, block
 * headers, lent entries, owners) and the small functions that read it.
 * Private to them: everything else goes through xheap.h.
 */
#ifndef _SIPDRV_XHEAP_INTERNAL_H
#define _SIPDRV_XHEAP_INTERNAL_H

#include "xheap.h"

#define HDR_SIZE	32u		/* header in front of small blocks */
#define NR_CLASSES	6
#define LARGE_ID	(1u << 31)	/* header ids of large blocks: LARGE_ID | page */
#define LENT_ID		XHEAP_LENT_OFF	/* ids (and offsets) of lent blocks: LENT_ID | index */
#define FREE_OWNER	0xffffffffu

/*
 * The numbering of offsets is cut into chunks, each backed by memory of its
 * own while it holds a block (chunk 0, with the reserved page 0, always).
 * A large block is a run of pages inside one chunk: it stays virtually
 * contiguous. An offset's chunk is offset >> CHUNK_SHIFT.
 */
#define CHUNK_SHIFT	21
#define CHUNK_BYTES	(1u << CHUNK_SHIFT)
#define CHUNK_PAGES	(CHUNK_BYTES / XHEAP_PAGE)
/* Backed chunks kept free for allocations that cannot wait for memory. */
#define SPARE_CHUNKS	1

_Static_assert(XHEAP_MAX_BLOCK <= CHUNK_BYTES / 2, "a large block fits in any chunk, even chunk 0");

/* Slot sizes (header included) of the small size classes. */
static const u32 class_slot[NR_CLASSES] = { 64, 128, 256, 512, 1024, 2048 };
#define SMALL_MAX (2048 - HDR_SIZE)

enum page_kind {
	PG_UNBACKED,	/* in a chunk without memory now */
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
	/*
	 * The generation the slots carved on this page start from: above
	 * every one its slots had before their chunk went back to the
	 * system, so that no old handle names a new block.
	 */
	u32 gen;
};

/* A block's header: in front of a small block, in large_hdr[] for a large one. */
struct xblock {
	u32 gen;	/* bumped on every free: stale handles do not match */
	u32 owner;	/* FREE_OWNER when free */
	u32 size;	/* bytes asked for */
	u32 charge;	/* bytes charged to the owner */
	u32 prev;	/* owner's list, header ids (0: none) */
	u32 next;	/* owner's list; for free small slots, the class free list (and prev) */
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
	/*
	 * Per chunk, its memory (NULL while it has none). Set and cleared
	 * under the lock; read without it by xheap_held and xheap_handle_of,
	 * which run inside SIP runs: a chunk taken away is freed only after
	 * every run under way has ended (sip_wait_runs).
	 */
	u8 **chunk;
	u32 *chunk_blocks;	/* per chunk: blocks allocated in it */
	u32 nr_chunks;
	u32 chunk_bytes;	/* CHUNK_BYTES, or the whole heap when it is smaller */
	u32 backed;		/* chunks with memory */
	u32 gone;		/* chunks taken away, their memory not yet freed or spare */
	u32 nr_spare;
	u8 *spare[SPARE_CHUNKS];
	struct sip_defer work;	/* backs the spares, takes empty chunks away */
	u32 size;
	u32 nr_pages;
	u32 free_pages;	/* in backed chunks */
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

/* The memory at @off of a backed chunk (under the lock, or a block held). */
static sip_always_inline u8 *chunk_at(struct xheap *h, u32 off)
{
	return h->chunk[off >> CHUNK_SHIFT] + (off & (CHUNK_BYTES - 1));
}

static sip_always_inline struct xblock *hdr(struct xheap *h, u32 id)
{
	if (id & LARGE_ID)
		return &h->large_hdr[id & ~LARGE_ID];
	if (id & LENT_ID)
		return &h->lent[id & ~LENT_ID].b;
	return (struct xblock *)chunk_at(h, id);
}

/*
 * Without the lock, inside a SIP run: the header of @id, or NULL when its
 * chunk has no memory. The chunk's memory is read once: it stays until the
 * run ends even if the chunk is taken away meanwhile.
 */
static sip_always_inline struct xblock *hdr_unlocked(struct xheap *h, u32 id)
{
	u8 *base;

	if (id & (LARGE_ID | LENT_ID))
		return hdr(h, id);
	base = sip_load_acquire(&h->chunk[id >> CHUNK_SHIFT]);
	return base ? (struct xblock *)(base + (id & (CHUNK_BYTES - 1))) : NULL;
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
	return id & LENT_ID ? h->lent[id & ~LENT_ID].ptr : chunk_at(h, data_off(id));
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

/* The chunk of the heap block @id (not a lent one). */
static inline u32 chunk_of(u32 id)
{
	return id & LARGE_ID ? (id & ~LARGE_ID) / CHUNK_PAGES : id >> CHUNK_SHIFT;
}

/* Small slots' free lists are doubly linked: a chunk taken away unlinks its own. */
static inline void slot_push(struct xheap *h, u32 cls, u32 id)
{
	struct xblock *b = hdr(h, id);

	b->prev = 0;
	b->next = h->class_free[cls];
	if (b->next)
		hdr(h, b->next)->prev = id;
	h->class_free[cls] = id;
}

static inline void slot_unlink(struct xheap *h, u32 cls, u32 id)
{
	struct xblock *b = hdr(h, id);

	if (b->prev)
		hdr(h, b->prev)->next = b->next;
	else
		h->class_free[cls] = b->next;
	if (b->next)
		hdr(h, b->next)->prev = b->prev;
	b->prev = b->next = 0;
}

/* xheap_chunk.c: a spare chunk into the numbering for @n pages; its first page, or 0. */
u32 chunk_install(struct xheap *h, u32 n);
/* The chunk's memory at create (0 or -ENOMEM), and the work that keeps it following use. */
int chunks_init(struct xheap *h);
void chunks_destroy(struct xheap *h);

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
