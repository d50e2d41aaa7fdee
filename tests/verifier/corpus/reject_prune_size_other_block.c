// SPDX-License-Identifier: GPL-2.0
/*
 * Two paths meet with n holding the size of block a on one and the size of
 * block b on the other; "n >= 64" then proves 64 bytes of a only on the
 * first. Regression: pruning matched n's id between the paths but never
 * checked which block the id was the size of, so the second path was
 * pruned as covered by the first, and the write into a was taken as safe
 * on it too. reject_prune_size_other_block_swapped.c has the branches the
 * other way round (clang's layout decides which path is explored first).
 */
// expect: reject two_msg: write to exchange block out of bounds (off 63, size 1, block 0)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "prune-size-other-block");

SIP_MSG(two_msg)
{
	u8 *a = sip_msg_block(msg);
	u8 *b;
	u64 n, nb;

	if (!a)
		return -22;
	b = sip_block_alloc(msg->args[1]);
	if (!b) {
		sip_block_free(a);
		return -12;
	}
	nb = sip_block_size(b);
	if (msg->args[0])
		n = sip_block_size(a);
	else
		n = nb;
	if (n >= 64)
		a[63] = 1;	// <-- here
	sip_block_free(b);
	sip_block_free(a);
	return 0;
}
