// SPDX-License-Identifier: GPL-2.0
/*
 * j runs twice as fast as i: "j - 127 <= i" holds for the first 128 turns
 * only, and i < len bounds b[j - 127] just as long; after that the write
 * can pass the block's end. The loop head is widened after its first
 * visits, long before: a relation whose bound moves between the states it
 * merges (j - i grows) must be dropped, not kept at the older bound (it
 * may move to the next of the program's constants, here 128).
 */
// expect: reject widen_msg: write to exchange block out of bounds
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "widen-relation-loosens");

SIP_MSG(widen_msg)
{
	u8 *b = sip_msg_block(msg);
	u64 len, i, j;

	if (!b)
		return -22;
	len = sip_block_size(b);
	for (i = 0, j = 0; i < len; i++, j += 2)
		if (j >= 127)
			b[j - 127] = 1;	// <-- here
	sip_block_free(b);
	return 0;
}
