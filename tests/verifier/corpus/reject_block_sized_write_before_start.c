// SPDX-License-Identifier: GPL-2.0
/*
 * A block of run-time size, known to hold at least 64 bytes, written at
 * index i - 1 for i from the message in [0, 63].
 */
// expect: reject block_msg: write to exchange block out of bounds (off [-1, 62], size 1, block 64)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "block-sized-write-before-start");

#define HDR_SIZE 64

SIP_MSG(block_msg)
{
	u8 *b = sip_msg_block(msg);
	u64 i = msg->args[0];

	if (!b)
		return -22;
	if (sip_block_size(b) < HDR_SIZE)
		goto drop;
	if (i < HDR_SIZE)
		b[i - 1] = 0;	// <-- here
drop:
	sip_block_free(b);
	return 0;
}
