// SPDX-License-Identifier: GPL-2.0
/*
 * A block put in a slot is kept by the SIP, not by the handler: writing
 * to it afterwards through the old pointer is refused.
 */
// expect: reject slot_msg: points to a block put in a slot at insn
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "slot-then-use", .nr_slots = 1);

SIP_MSG(slot_msg)
{
	u64 *b = sip_block_alloc(16);

	if (!b)
		return -12;
	sip_block_free(sip_slot_xchg(0, b));
	b[0] = msg->args[0];	// <-- here
	return 0;
}
