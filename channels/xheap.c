// SPDX-License-Identifier: GPL-2.0
/*
 * The exchange heap (see xheap.h): a page allocator over one numbering of
 * offsets, size classes for small blocks, a header per block naming its
 * owner, and the owners' lists, quotas and counters. One lock protects all
 * of that: every operation is a few list moves. The memory behind the
 * numbering comes and goes by chunks (xheap_chunk.c). Lent blocks (memory
 * outside the heap) take no lock: they move and end by one cmpxchg of
 * generation and owner; the lender's side of them is in xheap_lend.c, the
 * consistency check tests run in xheap_check.c.
 */
#include "xheap_internal.h"

/* Why a lent block of generation @gen, now @go, is not the caller's. */
static int lent_not_held(u64 go, u32 gen)
{
	return (u32)go == gen && (u32)(go >> 32) != FREE_OWNER ? -EPERM : -ENOENT;
}

static sip_handle_t handle_of(struct xheap *h, u32 id)
{
	return (u64)hdr(h, id)->gen << 32 | data_off(id);
}

/* The allocated block @handle names, held by @owner: its id, or a negative errno. */
static sip_always_inline int lookup(struct xheap *h, sip_handle_t handle, u32 owner, u32 *id)
{
	struct xblock *b;

	*id = id_of_off(h, (u32)handle);
	if (!*id || (handle >> 32 == 0))
		return -ENOENT;
	b = hdr(h, *id);
	if (b->owner == FREE_OWNER || b->gen != (u32)(handle >> 32))
		return -ENOENT;
	if (b->owner != owner)
		return -EPERM;
	return 0;
}

static void owner_list_add(struct xheap *h, struct xowner *o, u32 id)
{
	struct xblock *b = hdr(h, id);

	b->prev = 0;
	b->next = o->head;
	if (o->head)
		hdr(h, o->head)->prev = id;
	o->head = id;
}

static void owner_list_del(struct xheap *h, struct xowner *o, u32 id)
{
	struct xblock *b = hdr(h, id);

	if (b->prev)
		hdr(h, b->prev)->next = b->next;
	else
		o->head = b->next;
	if (b->next)
		hdr(h, b->next)->prev = b->prev;
	b->prev = b->next = 0;
}

static bool over_quota(const struct xowner *o, u32 charge)
{
	if (o->quota.max_blocks && o->usage.blocks + 1 > o->quota.max_blocks)
		return true;
	return o->quota.max_bytes && o->usage.bytes + charge > o->quota.max_bytes;
}

static void charge(struct xowner *o, u32 bytes)
{
	o->usage.blocks++;
	o->usage.bytes += bytes;
	if (o->usage.blocks > o->usage.hw_blocks)
		o->usage.hw_blocks = o->usage.blocks;
	if (o->usage.bytes > o->usage.hw_bytes)
		o->usage.hw_bytes = o->usage.bytes;
}

static void uncharge(struct xowner *o, u32 bytes)
{
	o->usage.blocks--;
	o->usage.bytes -= bytes;
}

/*
 * First fit of @n free pages in one backed chunk, from next_fit on; failing
 * that, a spare chunk put in. The first page, or 0.
 */
static u32 pages_get(struct xheap *h, u32 n)
{
	u32 tries, pg = h->next_fit, run = 0, start = 0;

	for (tries = 0; n <= h->free_pages && tries < 2 * h->nr_pages; tries++, pg++) {
		if (pg >= h->nr_pages)
			pg = 0;
		if (!(pg % CHUNK_PAGES))
			run = 0;	/* a run never crosses into the next chunk */
		if (h->pages[pg].kind != PG_FREE) {
			run = 0;
			continue;
		}
		if (!run++)
			start = pg;
		if (run == n)
			goto found;
	}
	start = chunk_install(h, n);
	if (!start)
		return 0;
found:
	h->free_pages -= n;
	h->next_fit = start + n;
	return start;
}

static void pages_put(struct xheap *h, u32 pg, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++) {
		h->pages[pg + i].kind = PG_FREE;
		h->pages[pg + i].run = 0;
	}
	h->free_pages += n;
}

/* A free slot of class @cls (carving a new page if needed): its id, or 0. */
static u32 slot_get(struct xheap *h, u32 cls)
{
	u32 id = h->class_free[cls], pg, off, slot = class_slot[cls];

	if (!id) {
		pg = pages_get(h, 1);
		if (!pg)
			return 0;
		h->pages[pg].kind = PG_SLAB;
		h->pages[pg].cls = (u8)cls;
		/* Chain the page's slots into the free list (slot 0 first). */
		for (off = XHEAP_PAGE - XHEAP_PAGE % slot; off >= slot; off -= slot) {
			id = pg * XHEAP_PAGE + off - slot;
			hdr(h, id)->owner = FREE_OWNER;
			hdr(h, id)->gen = h->pages[pg].gen ? h->pages[pg].gen : 1;
			slot_push(h, cls, id);
		}
	}
	slot_unlink(h, cls, id);
	return id;
}

static int alloc_locked(struct xheap *h, u32 owner, u32 size, u32 *out)
{
	struct xowner *o = &h->owners[owner];
	struct xblock *b;
	u32 cls, id, n = 0, charged;

	for (cls = 0; cls < NR_CLASSES && size > class_slot[cls] - HDR_SIZE; cls++)
		;
	if (cls < NR_CLASSES) {
		charged = class_slot[cls] - HDR_SIZE;
	} else {
		n = (size + XHEAP_PAGE - 1) / XHEAP_PAGE;
		charged = n * XHEAP_PAGE;
	}
	if (over_quota(o, charged))
		return -EDQUOT;
	if (cls < NR_CLASSES) {
		id = slot_get(h, cls);
	} else {
		u32 pg = pages_get(h, n), i;

		id = 0;
		if (pg) {
			h->pages[pg].kind = PG_LARGE;
			h->pages[pg].run = n;
			for (i = 1; i < n; i++)
				h->pages[pg + i].kind = PG_LARGE_TAIL;
			id = LARGE_ID | pg;
			if (!h->large_hdr[pg].gen)
				h->large_hdr[pg].gen = 1;
		}
	}
	if (!id)
		return -ENOMEM;
	b = hdr(h, id);
	b->owner = owner;
	b->size = size;
	b->charge = charged;
	owner_list_add(h, o, id);
	charge(o, charged);
	o->usage.allocs++;
	h->chunk_blocks[chunk_of(id)]++;
	h->blocks++;
	h->bytes += charged;
	*out = id;
	return 0;
}

static void free_locked(struct xheap *h, u32 id)
{
	struct xblock *b = hdr(h, id);
	struct xowner *o = &h->owners[b->owner];

	owner_list_del(h, o, id);
	uncharge(o, b->charge);
	h->blocks--;
	h->bytes -= b->charge;
	o->usage.frees++;
	b->owner = FREE_OWNER;
	b->gen = next_gen(b->gen);
	if (id & LARGE_ID) {
		u32 pg = id & ~LARGE_ID;

		pages_put(h, pg, h->pages[pg].run);
	} else {
		slot_push(h, h->pages[id / XHEAP_PAGE].cls, id);
	}
	/* Its last block gone, the chunk's memory can go back (not chunk 0's). */
	if (!--h->chunk_blocks[chunk_of(id)] && chunk_of(id))
		sip_defer_queue(&h->work);
}

/* Under the lock (or before the heap is shared). */
static void owner_set_used(struct xheap *h, u32 owner, bool used)
{
	if (used)
		h->owner_used[owner / 64] |= 1ull << (owner % 64);
	else
		h->owner_used[owner / 64] &= ~(1ull << (owner % 64));
}

struct xheap *xheap_create(u32 size)
{
	u32 i, pages = (u32)(((u64)size + XHEAP_PAGE - 1) / XHEAP_PAGE);
	struct xheap *h;
	int err = -ENOMEM;

	if (pages > CHUNK_PAGES)	/* whole chunks */
		pages = (pages + CHUNK_PAGES - 1) / CHUNK_PAGES * CHUNK_PAGES;
	if (pages < 2 || pages >= (LENT_ID / XHEAP_PAGE))
		return ERR_PTR(-EINVAL);
	h = sip_zalloc(sizeof(*h));
	if (!h)
		return ERR_PTR(-ENOMEM);
	h->nr_pages = pages;
	h->size = h->nr_pages * XHEAP_PAGE;
	h->nr_chunks = (h->nr_pages + CHUNK_PAGES - 1) / CHUNK_PAGES;
	h->chunk_bytes = h->nr_chunks > 1 ? CHUNK_BYTES : h->size;
	h->chunk = sip_zalloc(sizeof(*h->chunk) * h->nr_chunks);
	h->chunk_blocks = sip_zalloc(sizeof(*h->chunk_blocks) * h->nr_chunks);
	h->pages = sip_zalloc(sizeof(*h->pages) * h->nr_pages);
	h->large_hdr = sip_zalloc(sizeof(*h->large_hdr) * h->nr_pages);
	h->owners = sip_zalloc(sizeof(*h->owners) * XHEAP_MAX_OWNERS);
	if (!h->chunk || !h->chunk_blocks || !h->pages || !h->large_hdr || !h->owners)
		goto err;
	sip_lock_init(&h->lock);
	err = chunks_init(h);	/* chunk 0 and the spares */
	if (err)
		goto err;
	for (i = XHEAP_MAX_LENT; i > 0; i--) {
		h->lent[i - 1].b.owner = FREE_OWNER;
		h->lent[i - 1].b.gen = 1;
		h->lent[i - 1].b.next = h->lent_free;
		h->lent_free = i;
	}
	h->pages[0].kind = PG_RESERVED;
	h->free_pages--;
	h->next_fit = 1;
	owner_set_used(h, XHEAP_KERNEL, true);
	return h;
err:
	xheap_destroy(h);
	return ERR_PTR(err);
}

void xheap_destroy(struct xheap *h)
{
	if (!h)
		return;
	chunks_destroy(h);
	sip_free(h->chunk);
	sip_free(h->chunk_blocks);
	sip_free(h->pages);
	sip_free(h->large_hdr);
	sip_free(h->owners);
	sip_free(h);
}

int xheap_owner_add(struct xheap *h, const struct xheap_quota *q, u32 *id)
{
	u32 i;

	sip_lock(&h->lock);
	for (i = 1; i < XHEAP_MAX_OWNERS && owner_valid(h, i); i++)
		;
	if (i == XHEAP_MAX_OWNERS) {
		sip_unlock(&h->lock);
		return -ENOSPC;
	}
	memset(&h->owners[i], 0, sizeof(h->owners[i]));
	owner_set_used(h, i, true);
	if (q)
		h->owners[i].quota = *q;
	sip_unlock(&h->lock);
	*id = i;
	return 0;
}

static u32 reclaim_locked(struct xheap *h, u32 owner)
{
	u32 n = 0, i;

	for (i = 0; i < h->lent_used; i++) {	/* no entry above was ever lent */
		struct xblock *b = &h->lent[i].b;

		if (sip_load_acquire(&b->owner) == owner &&
		    lent_end(h, LENT_ID | i, b->gen) == (int)owner)
			n++;
	}
	while (h->owners[owner].head) {
		free_locked(h, h->owners[owner].head);
		n++;
	}
	return n;
}

u32 xheap_owner_remove(struct xheap *h, u32 id)
{
	u32 n = 0;

	sip_lock(&h->lock);
	if (id != XHEAP_KERNEL && owner_valid(h, id)) {
		n = reclaim_locked(h, id);
		owner_set_used(h, id, false);
	}
	sip_unlock(&h->lock);
	return n;
}

sip_noinline int xheap_alloc(struct xheap *h, u32 owner, u32 size, sip_handle_t *handle, void **ptr)
{
	u32 id;
	int ret;

	if (!size || size > XHEAP_MAX_BLOCK)
		return -EINVAL;
	sip_lock(&h->lock);
	ret = owner_valid(h, owner) ? alloc_locked(h, owner, size, &id) : -EINVAL;
	if (!ret) {
		*handle = handle_of(h, id);
		*ptr = data_ptr(h, id);	/* its chunk stays while the block is held */
	}
	sip_unlock(&h->lock);
	if (ret)
		return ret;
	memset(*ptr, 0, size);	/* no data leaks from the block's last owner */
	return 0;
}

sip_noinline int xheap_free(struct xheap *h, u32 owner, sip_handle_t handle)
{
	u32 id;
	int ret;

	if (xheap_is_lent(handle)) {
		id = id_of_off(h, (u32)handle);
		if (!id)
			return -ENOENT;
		if (!xheap_held(h, handle, owner))
			return lent_not_held(sip_load_acquire(genown(hdr(h, id))),
					     (u32)(handle >> 32));
		/* Only @owner or the lender ends it: the lender's end wins, or ours. */
		return lent_end(h, id, (u32)(handle >> 32)) == (int)owner ? 0 : -ENOENT;
	}
	sip_lock(&h->lock);
	ret = lookup(h, handle, owner, &id);
	if (!ret)
		free_locked(h, id);
	sip_unlock(&h->lock);
	return ret;
}

int xheap_transfer(struct xheap *h, sip_handle_t handle, u32 from, u32 to)
{
	return xheap_transfer_at(h, handle, from, to, NULL, NULL);
}

/*
 * A lent block changes hands without the lock: gen and owner change at
 * once. Back to its lender, it ends in the same step: the memory is the
 * lender's again (*@ptr and *@size still say where it was).
 */
static int lent_transfer(struct xheap *h, sip_handle_t handle, u32 from, u32 to, void **ptr,
			 u32 *size)
{
	u32 id = id_of_off(h, (u32)handle), gen = (u32)(handle >> 32), i = id & ~LENT_ID;
	bool back;
	struct xblock *b;
	u64 was;

	if (unlikely((id == 0) | (gen == 0)))	/* (|: one branch) */
		return -ENOENT;
	b = hdr(h, id);
	/*
	 * Back to its lender, it becomes no one's: @to must be an owner only
	 * when it is to hold it. The lender is its generation's (set before
	 * the lend was published, and the exchange checks the generation).
	 */
	back = to == b->lender;
	if (!back && !owner_valid(h, to))
		return -EINVAL;
	was = sip_atomic_cmpxchg64(genown(b), GENOWN(gen, from),
				   back ? GENOWN(next_gen(gen), FREE_OWNER) : GENOWN(gen, to));
	if (was != GENOWN(gen, from))
		return lent_not_held(was, gen);
	if (ptr) {
		*ptr = h->lent[i].ptr;
		*size = b->size;
	}
	if (back)
		lent_forget(h, i);
	return 0;
}

/* A heap block changes hands under the lock. */
static sip_noinline int transfer_locked(struct xheap *h, sip_handle_t handle, u32 from, u32 to,
					void **ptr, u32 *size)
{
	struct xblock *b;
	u32 id;
	int ret;

	sip_lock(&h->lock);
	ret = lookup(h, handle, from, &id);
	if (!ret && !owner_valid(h, to))
		ret = -EINVAL;
	if (!ret && over_quota(&h->owners[to], hdr(h, id)->charge))
		ret = -EDQUOT;
	if (!ret && from != to) {
		b = hdr(h, id);
		owner_list_del(h, &h->owners[from], id);
		uncharge(&h->owners[from], b->charge);
		h->owners[from].usage.out++;
		b->owner = to;
		owner_list_add(h, &h->owners[to], id);
		charge(&h->owners[to], b->charge);
		h->owners[to].usage.in++;
	}
	if (!ret && ptr) {
		*ptr = data_ptr(h, id);
		*size = hdr(h, id)->size;
	}
	sip_unlock(&h->lock);
	return ret;
}

int xheap_transfer_at(struct xheap *h, sip_handle_t handle, u32 from, u32 to, void **ptr,
		      u32 *size)
{
	void *p sip_noinit;	/* set on success */
	u32 sz sip_noinit;
	int ret;

	if (xheap_is_lent(handle))
		return lent_transfer(h, handle, from, to, ptr, size);
	/*
	 * Through copies: the call takes their addresses, not the caller's
	 * (inlined, the caller's *@ptr and *@size then stay in registers).
	 */
	ret = transfer_locked(h, handle, from, to, ptr ? &p : NULL, &sz);
	if (!ret && ptr) {
		*ptr = p;
		*size = sz;
	}
	return ret;
}

void *xheap_ptr(struct xheap *h, sip_handle_t handle, u32 owner, u32 *size)
{
	void *p = NULL;
	u32 id;

	sip_lock(&h->lock);
	if (!lookup(h, handle, owner, &id)) {
		p = data_ptr(h, id);
		if (size)
			*size = hdr(h, id)->size;
	}
	sip_unlock(&h->lock);
	return p;
}

/*
 * A lent block's handle, without the lock: a block @owner holds changes only
 * by @owner's hand, or when the lender revokes it, and the lender then waits
 * until no run that may have looked it up is left (see xheap_revoke). Gen
 * and owner read on both sides of the pointer check keep a block ended and
 * lent again meanwhile from passing for this one. A scan of the entries
 * ever reserved (a lender reserves about one per request it can have in
 * flight): callers that know the handle pass it instead (the SIP runtime
 * does for the message's block), and no atomic is spent on an index when
 * lending.
 */
static sip_noinline sip_handle_t lent_handle_of(struct xheap *h, const void *ptr, u32 owner)
{
	u32 n = sip_load_acquire(&h->lent_used), i;

	for (i = 0; i < n; i++) {
		struct xblock *b = &h->lent[i].b;
		u64 go;

		if (sip_load_acquire(&h->lent[i].ptr) != ptr)
			continue;
		go = sip_load_acquire(genown(b));
		if ((u32)(go >> 32) == owner && sip_load_acquire(&h->lent[i].ptr) == ptr &&
		    sip_load_acquire(genown(b)) == go)
			return (go & 0xffffffffu) << 32 | (LENT_ID | i);
	}
	return 0;
}

sip_handle_t xheap_handle_of(struct xheap *h, const void *ptr, u32 owner)
{
	const u8 *p = ptr;
	const struct xblock *b;
	u32 c, id;

	/*
	 * No lock: a block @owner holds changes owner or generation only by
	 * @owner's own hand (a send, a free), and a reclaim never runs with
	 * it; its chunk stays while it is held. For any other block the
	 * answer is 0 whatever the race: the page metadata read may be stale,
	 * but every id it yields is inside the chunk whose memory was read
	 * (which stays until the run ends), and its owner is not @owner.
	 */
	for (c = 0; c < h->nr_chunks; c++) {
		const u8 *base = sip_load_acquire(&h->chunk[c]);

		if (!base || p < base || p >= base + h->chunk_bytes)
			continue;
		id = id_of_off(h, c << CHUNK_SHIFT | (u32)(p - base));
		if (!id)
			return 0;
		b = id & LARGE_ID ? hdr(h, id) : (const struct xblock *)(base + (id & (CHUNK_BYTES - 1)));
		if (sip_load_acquire(&b->owner) != owner)
			return 0;
		return (u64)b->gen << 32 | data_off(id);
	}
	return lent_handle_of(h, ptr, owner);
}

sip_noinline int xheap_revoke(struct xheap *h, sip_handle_t handle)
{
	u32 id, gen = (u32)(handle >> 32);
	int ret = -ENOENT;

	if (xheap_is_lent(handle)) {
		id = id_of_off(h, (u32)handle);
		return id && gen ? lent_end(h, id, gen) : -ENOENT;
	}
	if (!gen)
		return -ENOENT;
	sip_lock(&h->lock);
	id = id_of_off(h, (u32)handle);	/* under the lock: its chunk may go */
	if (id && hdr(h, id)->owner != FREE_OWNER && hdr(h, id)->gen == gen) {
		ret = (int)hdr(h, id)->owner;
		free_locked(h, id);
	}
	sip_unlock(&h->lock);
	return ret;
}

u32 xheap_reclaim_all(struct xheap *h, u32 owner)
{
	u32 n = 0;

	sip_lock(&h->lock);
	if (owner_valid(h, owner))
		n = reclaim_locked(h, owner);
	sip_unlock(&h->lock);
	return n;
}

void xheap_usage(struct xheap *h, u32 owner, struct xheap_usage *u)
{
	sip_lock(&h->lock);
	if (owner_valid(h, owner)) {
		u32 i;

		*u = h->owners[owner].usage;
		for (i = 0; owner != XHEAP_KERNEL && i < h->lent_used; i++) {
			u64 go = sip_load_acquire(genown(&h->lent[i].b));

			if ((u32)(go >> 32) == owner) {
				u->blocks++;
				u->bytes += h->lent[i].b.charge;
			}
		}
	} else {
		memset(u, 0, sizeof(*u));
	}
	sip_unlock(&h->lock);
}

void xheap_stats(struct xheap *h, struct xheap_stats *s)
{
	u32 i;

	sip_lock(&h->lock);
	s->pages = h->nr_pages;
	s->free_pages = h->free_pages + (h->nr_chunks - h->backed) * CHUNK_PAGES;
	s->backed_pages = (h->backed + h->nr_spare + h->gone) * (h->chunk_bytes / XHEAP_PAGE);
	s->blocks = h->blocks;
	s->bytes = h->bytes;
	for (s->owners = 0, i = 0; i < XHEAP_MAX_OWNERS; i++)
		s->owners += owner_valid(h, i);
	sip_unlock(&h->lock);
}

