// SPDX-License-Identifier: GPL-2.0
/*
 * A block read after it was freed: the status is taken from the request
 * once it has already been given back.
 */
// expect: reject uaf_msg: points to a block freed at insn
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "use-after-free-read");

struct req {
	u64 id;
	u64 status;
};

SIP_MSG(uaf_msg)
{
	struct req *r = sip_msg_block(msg);

	if (!r)
		return -22;
	if (sip_block_size(r) < sizeof(*r)) {
		sip_block_free(r);
		return -22;
	}
	sip_block_free(r);
	return r->status;	// <-- here
}
