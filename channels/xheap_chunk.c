// SPDX-License-Identifier: GPL-2.0
/*
 * The exchange heap's memory, by chunks (see xheap_internal.h): a chunk is
 * backed while it holds a block, and its memory goes back to the system
 * when its last block is freed. Allocations run where nothing may sleep
 * (blk-mq's queue_rq, SIP runs with preemption off), so they never
 * allocate memory: they put in a spare chunk, backed beforehand, and fail
 * with -ENOMEM when there is none yet. The heap's work item, where it may
 * sleep, backs the spares and takes empty chunks away, freeing their
 * memory only once no SIP run that could still read it is under way.
 */
#include "xheap_internal.h"

static u32 chunk_pages(const struct xheap *h)
{
	return h->chunk_bytes / XHEAP_PAGE;
}

/* How many spares to keep: there is no use for more than the chunks without memory. */
static u32 spare_target(const struct xheap *h)
{
	u32 unbacked = h->nr_chunks - h->backed;

	return unbacked < SPARE_CHUNKS ? unbacked : SPARE_CHUNKS;
}

/* Under the lock: @mem behind chunk @c, its pages free. */
static void chunk_put_in(struct xheap *h, u32 c, u8 *mem)
{
	u32 pg = c * CHUNK_PAGES, end = pg + chunk_pages(h);

	for (; pg < end; pg++)
		if (h->pages[pg].kind == PG_UNBACKED) {
			h->pages[pg].kind = PG_FREE;
			h->free_pages++;
		}
	h->backed++;
	sip_store_release(&h->chunk[c], mem);
}

u32 chunk_install(struct xheap *h, u32 n)
{
	u32 c;

	if (!h->nr_spare) {
		if (spare_target(h))
			sip_defer_queue(&h->work);	/* still on its way: hurry it */
		return 0;
	}
	if (n > chunk_pages(h))
		return 0;
	for (c = 1; c < h->nr_chunks && h->chunk[c]; c++)
		;
	if (c == h->nr_chunks)
		return 0;
	chunk_put_in(h, c, h->spare[--h->nr_spare]);
	if (h->nr_spare < spare_target(h))
		sip_defer_queue(&h->work);	/* the spare is used: back another */
	return c * CHUNK_PAGES;
}

/*
 * Under the lock: takes the memory of chunk @c, which holds no block, out of
 * the numbering. Its slab pages' free slots leave their lists, and each
 * page keeps the generation its next slots start from, so that no handle
 * of a block that was here names a block carved later.
 */
static u8 *chunk_take_out(struct xheap *h, u32 c)
{
	u32 pg = c * CHUNK_PAGES, end = pg + chunk_pages(h), off;
	u8 *mem = h->chunk[c];

	for (; pg < end; pg++) {
		struct xpage *p = &h->pages[pg];

		if (p->kind == PG_SLAB) {
			u32 slot = class_slot[p->cls];

			for (off = 0; off + slot <= XHEAP_PAGE; off += slot) {
				u32 id = pg * XHEAP_PAGE + off;

				if (hdr(h, id)->gen > p->gen)
					p->gen = hdr(h, id)->gen;	/* bumped at its free */
				slot_unlink(h, p->cls, id);
			}
		} else if (p->kind == PG_FREE) {
			h->free_pages--;
		}
		p->kind = PG_UNBACKED;
	}
	sip_store_release(&h->chunk[c], NULL);
	h->backed--;
	h->gone++;
	return mem;
}

/* Spares backed up to their number (where the caller may sleep); 0 or -ENOMEM. */
static int spares_fill(struct xheap *h)
{
	u8 *mem;

	for (;;) {
		bool need;

		sip_lock(&h->lock);
		need = h->nr_spare < spare_target(h);
		sip_unlock(&h->lock);
		if (!need)
			return 0;
		mem = sip_region_alloc(h->chunk_bytes);
		if (!mem)
			return -ENOMEM;
		sip_lock(&h->lock);
		if (h->nr_spare < spare_target(h)) {
			h->spare[h->nr_spare++] = mem;
			mem = NULL;
		}
		sip_unlock(&h->lock);
		sip_region_free(mem, h->chunk_bytes);
	}
}

static void chunks_work(struct sip_defer *d)
{
	struct xheap *h = (struct xheap *)((char *)d - __builtin_offsetof(struct xheap, work));
	u8 *gone = NULL, *mem;
	u32 c;

	/* One chunk per hold of the lock: each is up to 512 pages to walk. */
	for (c = 1; c < h->nr_chunks; c++) {
		sip_lock(&h->lock);
		if (h->chunk[c] && !h->chunk_blocks[c]) {
			mem = chunk_take_out(h, c);
			*(u8 **)mem = gone;	/* a list through the chunks themselves */
			gone = mem;
		}
		sip_unlock(&h->lock);
	}
	if (gone)
		sip_wait_runs();	/* a run that read a chunk's address has ended */
	while (gone) {
		bool keep;

		mem = gone;
		gone = *(u8 **)mem;
		sip_lock(&h->lock);
		h->gone--;
		keep = h->nr_spare < spare_target(h);
		if (keep)
			h->spare[h->nr_spare++] = mem;
		sip_unlock(&h->lock);
		if (!keep)
			sip_region_free(mem, h->chunk_bytes);
	}
	spares_fill(h);	/* no memory: allocations fail until a later try */
}

int chunks_init(struct xheap *h)
{
	u8 *mem;

	sip_defer_init(&h->work, chunks_work);
	mem = sip_region_alloc(h->chunk_bytes);
	if (!mem)
		return -ENOMEM;
	sip_lock(&h->lock);
	chunk_put_in(h, 0, mem);
	sip_unlock(&h->lock);
	return spares_fill(h);
}

void chunks_destroy(struct xheap *h)
{
	u32 c;

	if (!h->work.fn)	/* chunks_init never ran */
		return;
	sip_defer_sync(&h->work);
	for (c = 0; c < h->nr_chunks; c++)
		sip_region_free(h->chunk[c], h->chunk_bytes);
	while (h->nr_spare)
		sip_region_free(h->spare[--h->nr_spare], h->chunk_bytes);
}

void xheap_flush(struct xheap *h)
{
	sip_defer_queue(&h->work);
	sip_defer_sync(&h->work);
}

int xheap_alloc_wait(struct xheap *h, u32 owner, u32 size, sip_handle_t *handle, void **ptr)
{
	u32 tries;
	int ret;

	/* Each round puts a chunk in, unless others take the spares first: bounded all the same. */
	for (tries = 0;; tries++) {
		bool more;

		ret = xheap_alloc(h, owner, size, handle, ptr);
		if (ret != -ENOMEM || tries > 2 * h->nr_chunks)
			return ret;
		sip_lock(&h->lock);
		more = h->backed < h->nr_chunks;
		sip_unlock(&h->lock);
		if (!more)
			return ret;	/* full */
		xheap_flush(h);
		sip_lock(&h->lock);
		more = h->nr_spare;
		sip_unlock(&h->lock);
		if (!more)
			return ret;	/* no memory in the system */
	}
}
