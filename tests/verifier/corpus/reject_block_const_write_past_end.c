// SPDX-License-Identifier: GPL-2.0
/*
 * An exchange block of 64 bytes written one byte past its end: a
 * terminating NUL put after a string that may fill the whole block.
 */
// expect: reject block_msg: write to exchange block out of bounds (off 64, size 1, block 64)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "block-const-write-past-end");

#define BLOCK_SIZE 64

SIP_MSG(block_msg)
{
	u64 len = msg->args[0];
	char *b = sip_block_alloc(BLOCK_SIZE);

	if (!b)
		return -12;
	if (len > BLOCK_SIZE)
		len = BLOCK_SIZE;
	b[len] = '\0';	// <-- here
	sip_block_free(b);
	return 0;
}
