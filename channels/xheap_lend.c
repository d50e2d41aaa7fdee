// SPDX-License-Identifier: GPL-2.0
/*
 * The exchange heap's lent blocks, the lender's side (see xheap.h): memory
 * outside the region, lent through entries the lender reserves, moving and
 * ending without the heap's lock. Their transfers and frees, like any
 * block's, are in xheap.c.
 */
#include "xheap_internal.h"

_Static_assert(!(XHEAP_MAX_LENT & (XHEAP_MAX_LENT - 1)) && !(XHEAP_MAX_BLOCK & (XHEAP_MAX_BLOCK - 1)) &&
	       !(XHEAP_MAX_OWNERS & (XHEAP_MAX_OWNERS - 1)), "xheap_lend tests its bounds at once");

int xheap_lent_get(struct xheap *h, u32 *idx)
{
	int ret = -ENOSPC;

	sip_lock(&h->lock);
	if (h->lent_free) {
		*idx = h->lent_free - 1;
		h->lent_free = h->lent[*idx].b.next;
		if (*idx >= h->lent_used)
			sip_store_release(&h->lent_used, *idx + 1);
		ret = 0;
	}
	sip_unlock(&h->lock);
	return ret;
}

void xheap_lent_put(struct xheap *h, u32 idx)
{
	struct xblock *b;

	if (idx >= XHEAP_MAX_LENT)
		return;
	b = &h->lent[idx].b;
	lent_end(h, LENT_ID | idx, b->gen);	/* from whoever holds it */
	sip_lock(&h->lock);
	b->next = h->lent_free;
	h->lent_free = idx + 1;
	sip_unlock(&h->lock);
}

int xheap_lend(struct xheap *h, u32 idx, void *ptr, u32 size, u32 from, u32 to,
	       sip_handle_t *handle)
{
	struct xblock *b;
	u32 gen;

	/* The bounds are powers of two: one test for them all (size - 1 wraps at 0). */
	if (unlikely(((idx / XHEAP_MAX_LENT) | ((size - 1) / XHEAP_MAX_BLOCK) |
		      (from / XHEAP_MAX_OWNERS) | (to / XHEAP_MAX_OWNERS)) || !ptr) ||
	    !owner_valid(h, to))
		return -EINVAL;
	b = &h->lent[idx].b;
	/* Still held, or its end (lent_forget) not through yet: copy this time. */
	if (sip_load_acquire(&b->owner) != FREE_OWNER || sip_load_acquire(&h->lent[idx].ptr))
		return -EBUSY;
	gen = b->gen;
	b->size = size;
	b->charge = size;
	b->lender = from;
	h->lent[idx].ptr = ptr;
	/* Publishes it: a free entry's gen and owner change by no one else. */
	sip_store_release(genown(b), GENOWN(gen, to));
	*handle = (u64)gen << 32 | (LENT_ID | idx);
	return 0;
}

bool xheap_held(struct xheap *h, sip_handle_t handle, u32 owner)
{
	u32 id = id_of_off(h, (u32)handle);
	struct xblock *b = id ? hdr_unlocked(h, id) : NULL;

	return b && sip_load_acquire(genown(b)) == GENOWN((u32)(handle >> 32), owner);
}
