// SPDX-License-Identifier: GPL-2.0
/*
 * Two paths meet with n holding sip_block_size(a) on one and a number the
 * message chose on the other (below 4096, so in the range a size has);
 * "n >= 64" proves 64 bytes of a only on the first. Regression: on the
 * second path n is a register copy of len (clang's move at the join), so
 * it carried an id; pruning mapped that id to the size's id of the first
 * path without checking the block's size link, the second path was
 * pruned, and its write into a was never checked. reject_prune_size_untied.c
 * has the branches the other way round.
 */
// expect: reject untied_msg: write to exchange block out of bounds (off 63, size 1, block 0)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "prune-size-untied-swapped");

SIP_MSG(untied_msg)
{
	u8 *a = sip_msg_block(msg);
	u64 n, len = msg->args[1] & 0xfff;

	if (!a)
		return -22;
	if (!msg->args[0])
		n = sip_block_size(a);
	else
		n = len;
	if (n >= 64)
		a[63] = 1;	// <-- here
	sip_block_free(a);
	return len;
}
