// SPDX-License-Identifier: GPL-2.0
/*
 * An exit handler that empties all four slots with a loop clang unrolls,
 * so that every slot number is a constant.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "exit-drain-slots", .nr_slots = 4);

SIP_MSG(drain_msg)
{
	void *b = sip_msg_block(msg);

	if (msg->tag == 2)
		sip_block_free(sip_slot_xchg(2, b));
	else
		sip_block_free(sip_slot_xchg(0, b));
	return 0;
}

SIP_EXIT(drain_exit)
{
	for (int i = 0; i < 4; i++)
		sip_block_free(sip_slot_xchg(i, NULL));
	return 0;
}
