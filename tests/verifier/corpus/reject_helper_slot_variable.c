// SPDX-License-Identifier: GPL-2.0
/*
 * The slot of sip_slot_xchg() chosen by the message, checked one too
 * loosely: slot 4 of 4 would be outside the manifest's slots.
 */
// expect: reject slot_msg: sip_slot_xchg: slot r1 may be up to 4 (the manifest declares 4)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "helper-slot-variable", .nr_slots = 4);

SIP_MSG(slot_msg)
{
	void *b = sip_msg_block(msg);

	if (msg->args[0] > 4) {
		sip_block_free(b);
		return -22;
	}
	sip_block_free(sip_slot_xchg(msg->args[0], b));	// <-- here
	return 0;
}
