// SPDX-License-Identifier: GPL-2.0
/*
 * Takes all the exchange heap it can: 1 MiB blocks kept in slots until an
 * allocation fails. Its quota stops it at its share of the heap; the other
 * drivers' I/O goes on.
 */
#include <sipdrv/sip.h>

#define HOG_SLOTS 64

SIP_MANIFEST(.name = "hog", .nr_slots = HOG_SLOTS);

SIP_INIT(hog_init)
{
	u32 i;

	for (i = 0; i < HOG_SLOTS; i++) {
		void *b = sip_block_alloc(1 << 20);

		if (!b)
			break;
		sip_block_free(sip_slot_xchg(i, b));
	}
	return 0;
}

SIP_EXIT(hog_exit)
{
	u32 i;

	for (i = 0; i < HOG_SLOTS; i++)
		sip_block_free(sip_slot_xchg(i, NULL));
	return 0;
}
