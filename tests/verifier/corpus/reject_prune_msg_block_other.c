// SPDX-License-Identifier: GPL-2.0
/*
 * b is the message's block on one path and an allocated block of any size
 * on the other; after they meet, "msg->block_size >= 64" proves 64 bytes
 * of b only on the first. Pruning must tell a block whose size is msg->
 * block_size from any other. reject_prune_msg_block_other_swapped.c has
 * the branches the other way round.
 */
// expect: reject other_msg: write to exchange block out of bounds (off 63, size 1, block 0)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "prune-msg-block-other");

SIP_MSG(other_msg)
{
	u8 *b;

	if (msg->args[0])
		b = sip_msg_block(msg);
	else
		b = sip_block_alloc(msg->args[1]);
	if (!b)
		return -22;
	if (msg->block_size >= 64)
		b[63] = 1;	// <-- here
	sip_block_free(b);
	return 0;
}
