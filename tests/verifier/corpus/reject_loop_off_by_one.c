// SPDX-License-Identifier: GPL-2.0
/*
 * A clearing loop with <= instead of <: its last iteration writes the
 * byte just past a 64-byte block.
 */
// expect: reject loop_msg: write to exchange block out of bounds
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "loop-off-by-one");

#define BLOCK_SIZE 64

SIP_MSG(loop_msg)
{
	u8 *b = sip_block_alloc(BLOCK_SIZE);
	long ret;

	if (!b)
		return -12;
	for (int i = 0; i <= BLOCK_SIZE; i++)
		b[i] = 0;	// <-- here
	ret = sip_send(msg->chan, msg->tag, 0, 0, b);
	if (ret)
		sip_block_free(b);
	return ret;
}
