// SPDX-License-Identifier: GPL-2.0
/*
 * The length from the message, read before the block is taken: msg->
 * block_size is the size of the block sip_msg_block() returns, so a loop
 * bounded by it stays within the block.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "msg-size-before");

SIP_MSG(xor_msg)
{
	u64 len = msg->block_size, i, x = 0;
	u8 *b = sip_msg_block(msg);

	if (!b)
		return -22;
	for (i = 0; i + 8 <= len; i += 8)
		x ^= *(u64 *)(b + i);
	sip_block_free(b);
	return x != 0;
}
