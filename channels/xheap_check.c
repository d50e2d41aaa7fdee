// SPDX-License-Identifier: GPL-2.0
/*
 * The exchange heap's consistency check, for tests (xheap_check in
 * xheap.h): every count and list the heap keeps, recounted from its chunks,
 * pages, headers and lent entries. Not built into the module.
 */
#include "xheap_internal.h"

#define CHECK(cond, ...)						\
	do {								\
		if (!(cond)) {						\
			sip_snprintf(what, size, __VA_ARGS__);		\
			ret = -EUCLEAN;					\
			goto out;					\
		}							\
	} while (0)

/* Chunks: backed or not as their pages say, each one's blocks counted, spares and all. */
static int check_chunks(struct xheap *h, char *what, u32 size)
{
	u32 c, pg, backed = 0, per = h->chunk_bytes / XHEAP_PAGE;
	int ret = 0;

	CHECK(h->chunk[0], "chunk 0 has no memory");
	for (c = 0; c < h->nr_chunks; c++) {
		u32 blocks = 0;

		backed += !!h->chunk[c];
		for (pg = c * CHUNK_PAGES; pg < c * CHUNK_PAGES + per; pg++) {
			struct xpage *p = &h->pages[pg];

			CHECK((p->kind == PG_UNBACKED) == !h->chunk[c], "page %u: kind %u, chunk %u %s", pg,
			      p->kind, c, h->chunk[c] ? "backed" : "not backed");
			if (p->kind == PG_LARGE) {
				CHECK(pg % CHUNK_PAGES + p->run <= per, "page %u: run of %u leaves chunk %u", pg,
				      p->run, c);
				blocks++;
			}
			if (p->kind == PG_SLAB) {
				u32 slot = class_slot[p->cls], off;

				for (off = 0; off + slot <= XHEAP_PAGE; off += slot)
					blocks += hdr(h, pg * XHEAP_PAGE + off)->owner != FREE_OWNER;
			}
		}
		CHECK(blocks == h->chunk_blocks[c], "chunk %u: %u blocks, counted %u", c,
		      h->chunk_blocks[c], blocks);
	}
	CHECK(backed == h->backed, "%u chunks backed, counted %u", h->backed, backed);
	CHECK(h->nr_spare <= SPARE_CHUNKS, "%u spares", h->nr_spare);
	for (c = 0; c < h->nr_spare; c++)
		CHECK(h->spare[c], "spare %u: no memory", c);
out:
	return ret;
}

/* Small slots' free lists: linked both ways, each slot free, on a backed page of its class. */
static int check_free_lists(struct xheap *h, char *what, u32 size)
{
	u32 cls, id, prev, n;
	int ret = 0;

	for (cls = 0; cls < NR_CLASSES; cls++) {
		for (id = h->class_free[cls], prev = 0, n = 0; id; prev = id, id = hdr(h, id)->next) {
			struct xpage *p = &h->pages[id / XHEAP_PAGE];

			CHECK(id / XHEAP_PAGE < h->nr_pages && p->kind == PG_SLAB && p->cls == cls,
			      "class %u: free slot %u on a page of kind %u", cls, id, p->kind);
			CHECK(hdr(h, id)->owner == FREE_OWNER, "class %u: slot %u free and owned", cls, id);
			CHECK(hdr(h, id)->prev == prev, "class %u: free list links broken at %u", cls, id);
			CHECK(++n <= h->nr_pages * (XHEAP_PAGE / 64), "class %u: free list loops", cls);
		}
	}
out:
	return ret;
}

int xheap_check(struct xheap *h, char *what, u32 size)
{
	u32 pg, i, free_pages = 0, blocks = 0, owned = 0;
	u64 bytes = 0;
	int ret = 0;

	sip_lock(&h->lock);
	ret = check_chunks(h, what, size);
	if (!ret)
		ret = check_free_lists(h, what, size);
	if (ret)
		goto out;
	for (pg = 0; pg < h->nr_pages; pg++) {
		struct xpage *p = &h->pages[pg];

		if (p->kind == PG_FREE)
			free_pages++;
		if (p->kind == PG_LARGE) {
			struct xblock *b = &h->large_hdr[pg];

			CHECK(p->run && pg + p->run <= h->nr_pages, "page %u: bad run %u", pg, p->run);
			for (i = 1; i < p->run; i++)
				CHECK(h->pages[pg + i].kind == PG_LARGE_TAIL, "page %u: run broken", pg + i);
			CHECK(owner_valid(h, b->owner), "page %u: owner %u", pg, b->owner);
			blocks++;
			bytes += b->charge;
		}
		if (p->kind == PG_SLAB) {
			u32 slot = class_slot[p->cls], off;

			for (off = 0; off + slot <= XHEAP_PAGE; off += slot) {
				struct xblock *b = hdr(h, pg * XHEAP_PAGE + off);

				if (b->owner == FREE_OWNER)
					continue;
				CHECK(owner_valid(h, b->owner), "slot %u: owner %u", pg * XHEAP_PAGE + off,
				      b->owner);
				blocks++;
				bytes += b->charge;
			}
		}
	}
	for (i = 0; i < XHEAP_MAX_LENT; i++) {
		struct xblock *b = &h->lent[i].b;

		if (b->owner == FREE_OWNER) {
			CHECK(!h->lent[i].ptr, "lent %u: free with a pointer", i);
			continue;
		}
		CHECK(owner_valid(h, b->owner) && h->lent[i].ptr, "lent %u: owner %u", i, b->owner);
		CHECK(i < h->lent_used, "lent %u: above the entries reserved (%u)", i, h->lent_used);
	}
	CHECK(free_pages == h->free_pages, "free pages %u, counted %u", h->free_pages, free_pages);
	CHECK(blocks == h->blocks, "blocks %u, counted %u", h->blocks, blocks);
	CHECK(bytes == h->bytes, "bytes %llu, counted %llu", h->bytes, bytes);
	for (i = 0; i < XHEAP_MAX_OWNERS; i++) {
		struct xowner *o = &h->owners[i];
		u32 id, prev = 0, n = 0;
		u64 b = 0;

		if (!owner_valid(h, i))
			continue;
		for (id = o->head; id; prev = id, id = hdr(h, id)->next) {
			CHECK(hdr(h, id)->owner == i, "owner %u lists a block of %u", i, hdr(h, id)->owner);
			CHECK(hdr(h, id)->prev == prev, "owner %u: list links broken", i);
			CHECK(++n <= blocks, "owner %u: list loops", i);
			b += hdr(h, id)->charge;
		}
		CHECK(n == o->usage.blocks && b == o->usage.bytes,
		      "owner %u: %u blocks / %llu bytes listed, %u / %llu counted", i, n, b,
		      o->usage.blocks, o->usage.bytes);
		owned += n;
	}
	CHECK(owned == blocks, "%u blocks in owners' lists, %u allocated", owned, blocks);
out:
	sip_unlock(&h->lock);
	return ret;
}
