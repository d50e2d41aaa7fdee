// SPDX-License-Identifier: GPL-2.0
/*
 * What sip_slot_xchg() gives back may be NULL (an empty slot): using it as
 * the request it should hold without a test is refused.
 */
// expect: reject null_msg: may be NULL: check it before the read
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "null-slot-unchecked", .nr_slots = 1);

struct req {
	u64 id;
	u64 len;
};

SIP_MSG(null_msg)
{
	struct req *r = sip_slot_xchg(0, NULL);
	long ret;

	ret = sip_send(msg->chan, msg->tag, r->id, 0, r);	// <-- here
	if (ret)
		sip_block_free(r);
	return ret;
}
