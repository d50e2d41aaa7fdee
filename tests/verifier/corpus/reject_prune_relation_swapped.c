// SPDX-License-Identifier: GPL-2.0
/*
 * Two paths meet with i below the block's size on one (checked against
 * len) and a byte from the message on the other, both within [0, 255] as
 * intervals, and len at least 1 on both. Only the relation i < len makes b[i] safe: pruning must not
 * take the second path as covered by the first because the intervals
 * are. reject_prune_relation.c has the branches the other way.
 */
// expect: reject prune_msg: write to exchange block out of bounds (off [0, 255], size 1, block 1)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "prune-relation-swapped");

SIP_MSG(prune_msg)
{
	u8 *b = sip_msg_block(msg);
	u64 len, i;

	if (!b)
		return -22;
	len = sip_block_size(b);
	if (!len)
		goto out;
	if (!msg->args[0]) {
		i = msg->args[2] & 0xff;
	} else {
		i = msg->args[1] & 0xff;
		if (i >= len)
			goto out;
	}
	b[i] = 1;	// <-- here
out:
	sip_block_free(b);
	return 0;
}
