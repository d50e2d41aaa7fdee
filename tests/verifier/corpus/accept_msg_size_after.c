// SPDX-License-Identifier: GPL-2.0
/*
 * A byte sum over the message's block, bounded by msg->block_size read in
 * the loop's condition after the block was taken, with a 32-bit index.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "msg-size-after");

SIP_MSG(sum_msg)
{
	u8 *b = sip_msg_block(msg);
	u32 i;
	u64 sum = 0;

	if (!b)
		return -22;
	for (i = 0; i < msg->block_size; i++)
		sum += b[i];
	sip_block_free(b);
	return sum & 0xff;
}
