// SPDX-License-Identifier: GPL-2.0
/*
 * Two allocations, one NULL check: the second block is tested twice by a
 * copy-and-paste slip, the first never.
 */
// expect: reject null_msg: may be NULL: check it before the write
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "null-checked-wrong-pointer");

SIP_MSG(null_msg)
{
	u64 *req = sip_block_alloc(8);
	u64 *resp = sip_block_alloc(8);

	if (!resp || !resp) {
		sip_block_free(req);
		sip_block_free(resp);
		return -12;
	}
	*req = msg->args[0];	// <-- here
	*resp = 0;
	sip_block_free(req);
	sip_block_free(resp);
	return 0;
}
