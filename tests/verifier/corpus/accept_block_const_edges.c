// SPDX-License-Identifier: GPL-2.0
/*
 * An exchange block of a constant size (64 bytes) at its edges: written at
 * its first and last byte and through a checked index, read back, freed.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "block-const-edges");

#define BLOCK_SIZE 64

SIP_MSG(block_msg)
{
	u64 i = msg->args[0];
	u8 *b = sip_block_alloc(BLOCK_SIZE);
	int ret;

	if (!b)
		return -12;
	b[0] = 1;
	b[BLOCK_SIZE - 1] = 2;
	if (i < BLOCK_SIZE)
		b[i] = msg->tag;
	ret = b[0] + b[BLOCK_SIZE - 1];
	if (i < BLOCK_SIZE)
		ret += b[i];
	sip_block_free(b);
	return ret;
}
