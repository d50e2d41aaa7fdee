// SPDX-License-Identifier: GPL-2.0
/*
 * NULL where a block may go: sip_block_free(NULL), sip_slot_xchg() with
 * NULL, and sip_send() without a block, whose result need not be tested
 * since no ownership depends on it.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "null-blocks", .nr_slots = 1);

SIP_MSG(null_msg)
{
	void *old = sip_slot_xchg(0, NULL);

	sip_block_free(old);
	sip_block_free(NULL);
	sip_send(msg->chan, msg->tag, 1, 2, NULL);
	sip_send(msg->chan, msg->tag, 3, 4, NULL);
	return 0;
}
