// SPDX-License-Identifier: GPL-2.0
/*
 * A block of run-time size, known to hold at least 64 bytes after a check
 * of sip_block_size(), written at an index checked with <= 64.
 */
// expect: reject block_msg: write to exchange block out of bounds (off [0, 64], size 1, block 64)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "block-sized-write-past-end");

#define HDR_SIZE 64

SIP_MSG(block_msg)
{
	u8 *b = sip_msg_block(msg);
	u64 i = msg->args[0];

	if (!b)
		return -22;
	if (sip_block_size(b) < HDR_SIZE)
		goto drop;
	if (i <= HDR_SIZE)
		b[i] = msg->tag;	// <-- here
drop:
	sip_block_free(b);
	return 0;
}
