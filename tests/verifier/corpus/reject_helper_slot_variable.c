// SPDX-License-Identifier: GPL-2.0
/*
 * The slot of sip_slot_xchg() chosen by the message: slots are checked
 * against the manifest when the driver is loaded, so they are constants.
 */
// expect: reject slot_msg: argument 1 of sip_slot_xchg (r1) must be a constant
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "helper-slot-variable", .nr_slots = 4);

SIP_MSG(slot_msg)
{
	void *b = sip_msg_block(msg);

	if (msg->args[0] >= 4) {
		sip_block_free(b);
		return -22;
	}
	sip_block_free(sip_slot_xchg(msg->args[0], b));	// <-- here
	return 0;
}
