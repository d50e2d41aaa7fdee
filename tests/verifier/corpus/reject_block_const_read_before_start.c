// SPDX-License-Identifier: GPL-2.0
/*
 * An exchange block of 64 bytes read one byte before its start: the last
 * character of a string of length len, taken without checking len > 0.
 */
// expect: reject block_msg: read of exchange block out of bounds (off [-1, 62], size 1, block 64)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "block-const-read-before-start");

#define BLOCK_SIZE 64

SIP_MSG(block_msg)
{
	u64 len = msg->args[0];
	char *b = sip_block_alloc(BLOCK_SIZE);
	int last;

	if (!b)
		return -12;
	__builtin_memset(b, ' ', BLOCK_SIZE);
	if (len > BLOCK_SIZE)
		len = BLOCK_SIZE;
	last = b[len - 1];	// <-- here
	sip_block_free(b);
	return last;
}
