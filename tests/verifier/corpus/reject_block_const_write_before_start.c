// SPDX-License-Identifier: GPL-2.0
/*
 * An exchange block of 64 bytes written one byte before its start: a
 * 1-based position from the message stored to without refusing 0.
 */
// expect: reject block_msg: write to exchange block out of bounds (off [-1, 62], size 1, block 64)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "block-const-write-before-start");

#define BLOCK_SIZE 64

SIP_MSG(block_msg)
{
	u64 pos = msg->args[0];
	char *b = sip_block_alloc(BLOCK_SIZE);

	if (!b)
		return -12;
	if (pos < BLOCK_SIZE)
		b[pos - 1] = 'x';	// <-- here
	sip_block_free(b);
	return 0;
}
