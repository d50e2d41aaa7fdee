// SPDX-License-Identifier: GPL-2.0
/*
 * A checksum loop one word too long: 125 words summed from a 248-byte
 * block. clang ends the loop with an equality test on the offset, and the
 * last iteration reads the two bytes just past the block.
 */
// expect: reject csum_msg: read of exchange block out of bounds
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "loop-ne-exit-past-end");

#define BLOCK_SIZE 248
#define NR_WORDS 125

SIP_MSG(csum_msg)
{
	u16 *w = sip_block_alloc(BLOCK_SIZE);
	u64 sum = 0;
	int i;

	if (!w)
		return -12;
	__builtin_memset(w, 0, BLOCK_SIZE);
	for (i = 0; i < NR_WORDS; i++)
		sum += w[i];	// <-- here
	sip_block_free(w);
	return sum & 0xffff;
}
