// SPDX-License-Identifier: GPL-2.0
/* The slot of sip_slot_xchg() chosen by the message, within the declared ones. */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "helper-slot-bounded", .nr_slots = 4);

SIP_MSG(slot_msg)
{
	void *b = sip_msg_block(msg);

	if (msg->args[0] >= 4) {
		sip_block_free(b);
		return -22;
	}
	sip_block_free(sip_slot_xchg(msg->args[0], b));
	return 0;
}
