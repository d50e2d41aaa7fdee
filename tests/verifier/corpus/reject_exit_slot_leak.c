// SPDX-License-Identifier: GPL-2.0
/*
 * An exit handler that takes the kept block out of its slot to log it and
 * does not free it.
 */
// expect: reject state_exit: block leak: the block from insn
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "exit-slot-leak", .nr_slots = 1);

SIP_INIT(state_init)
{
	void *b = sip_block_alloc(32);

	if (!b)
		return -12;
	sip_block_free(sip_slot_xchg(0, b));
	return 0;
}

SIP_EXIT(state_exit)
{
	void *b = sip_slot_xchg(0, NULL);

	if (b && sip_block_size(b) >= 32)
		sip_log(b, 32);
	return 0;	// <-- here
}
