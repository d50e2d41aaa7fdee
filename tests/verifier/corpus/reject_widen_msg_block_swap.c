// SPDX-License-Identifier: GPL-2.0
/*
 * Two blocks change places every turn: a is the message's block on even
 * turns and an allocated one of any size on odd ones. From turn 70 on,
 * "msg->block_size >= 64" guards a write into a, right only on even turns.
 * Widening must not merge a turn where a is the message's block with one
 * where it is not: the merged block would keep the message's size.
 */
// expect: reject swap_msg: write to exchange block out of bounds (off 63, size 1, block 0)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "widen-msg-block-swap");

SIP_MSG(swap_msg)
{
	u8 *a = sip_msg_block(msg), *c, *t;
	u64 k;

	if (!a)
		return -22;
	c = sip_block_alloc(msg->args[0]);
	if (!c) {
		sip_block_free(a);
		return -12;
	}
	for (k = 0; k < msg->args[1]; k++) {
		if (k >= 70 && msg->block_size >= 64)
			a[63] = 1;	// <-- here
		t = a;
		a = c;
		c = t;
	}
	sip_block_free(a);
	sip_block_free(c);
	return 0;
}
