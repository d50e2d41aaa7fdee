// SPDX-License-Identifier: GPL-2.0
/*
 * Paths that meet with n holding the newest size of the block they then
 * write into, whichever call produced it: the check after the join proves
 * the bytes on every path, and the paths still merge.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "prune-size-same-block");

static u64 big;

SIP_MSG(same_msg)
{
	u8 *a = sip_msg_block(msg);
	u64 n;

	if (!a)
		return -22;
	if (msg->args[0]) {
		n = sip_block_size(a);
		big += n;
	} else {
		n = sip_block_size(a);
	}
	if (n >= 64)
		a[63] = 1;
	sip_block_free(a);
	return 0;
}
