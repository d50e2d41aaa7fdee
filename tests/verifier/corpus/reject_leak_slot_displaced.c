// SPDX-License-Identifier: GPL-2.0
/*
 * A new block put in a slot gives back the one that was there: ignoring
 * what sip_slot_xchg() returns leaks the old block.
 */
// expect: reject leak_msg: block leak: the block from insn
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "leak-slot-displaced", .nr_slots = 2);

SIP_MSG(leak_msg)
{
	void *b = sip_block_alloc(32);

	if (!b)
		return -12;
	sip_slot_xchg(1, b);
	return 0;
}	// <-- here
