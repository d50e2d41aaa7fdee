// SPDX-License-Identifier: GPL-2.0
/*
 * Slot 2 of a driver whose manifest declares two slots (0 and 1).
 */
// expect: reject slot_msg: sip_slot_xchg: slot 2 out of range (the manifest declares 2)
#include <sipdrv/sip.h>

enum { SLOT_RX, SLOT_TX, NR_SLOTS };

SIP_MANIFEST(.name = "helper-slot-out-of-range", .nr_slots = NR_SLOTS);

SIP_MSG(slot_msg)
{
	void *b = sip_msg_block(msg);

	sip_block_free(sip_slot_xchg(NR_SLOTS, b));	// <-- here
	return 0;
}
