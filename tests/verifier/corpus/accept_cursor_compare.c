// SPDX-License-Identifier: GPL-2.0
/*
 * Parsing with two pointers into the same block: a cursor walks 8-byte
 * records while it is below the end pointer. Comparing pointers into the
 * same block is allowed, and bounds the cursor.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "cursor-compare");

#define BLOCK_SIZE 128

SIP_MSG(cursor_msg)
{
	u64 *b = sip_block_alloc(BLOCK_SIZE);
	u64 *p, *end, sum = 0;

	if (!b)
		return -12;
	end = b + BLOCK_SIZE / sizeof(u64);
	for (p = b; p < end; p++)
		*p = msg->args[0];
	for (p = b; p < end; p++)
		sum += *p;
	sip_block_free(b);
	return sum & 0xffff;
}
