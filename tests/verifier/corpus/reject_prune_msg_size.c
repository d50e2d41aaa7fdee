// SPDX-License-Identifier: GPL-2.0
/*
 * n is msg->block_size on one path and a number from the message on the
 * other, in [0, 4095] (within what block_size may be); after they meet, "n >= 64" proves 64 bytes of the message's block
 * only on the first. Pruning must not map msg->block_size's value onto a
 * number of its own. reject_prune_msg_size_swapped.c has the branches the
 * other way round.
 */
// expect: reject size_msg: write to exchange block out of bounds (off 63, size 1, block 0)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "prune-msg-size");

SIP_MSG(size_msg)
{
	u8 *b = sip_msg_block(msg);
	u64 n;

	if (!b)
		return -22;
	if (msg->args[0])
		n = msg->block_size;
	else
		n = msg->args[1] & 0xfff;
	if (n >= 64)
		b[63] = 1;	// <-- here
	sip_block_free(b);
	return 0;
}
