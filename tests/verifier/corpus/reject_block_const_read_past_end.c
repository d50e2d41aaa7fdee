// SPDX-License-Identifier: GPL-2.0
/*
 * An exchange block of 64 bytes read one byte past its end: the index is
 * checked with <= the size.
 */
// expect: reject block_msg: read of exchange block out of bounds (off [0, 64], size 1, block 64)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "block-const-read-past-end");

#define BLOCK_SIZE 64

SIP_MSG(block_msg)
{
	u64 i = msg->args[0];
	u8 *b = sip_block_alloc(BLOCK_SIZE);
	int ret = 0;

	if (!b)
		return -12;
	__builtin_memset(b, 0, BLOCK_SIZE);
	if (i <= BLOCK_SIZE)
		ret = b[i];	// <-- here
	sip_block_free(b);
	return ret;
}
