// SPDX-License-Identifier: GPL-2.0
/*
 * A block whose size is only known at run time (the message's), made
 * usable up to 64 bytes by checking sip_block_size(): the first and 64th
 * bytes, and a checked index, are read and written.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "block-sized-edges");

#define HDR_SIZE 64

SIP_MSG(block_msg)
{
	u8 *b = sip_msg_block(msg);
	u64 i = msg->args[0];
	int ret;

	if (!b)
		return -22;
	if (sip_block_size(b) < HDR_SIZE) {
		sip_block_free(b);
		return -22;
	}
	b[0] ^= 1;
	b[HDR_SIZE - 1] ^= 1;
	ret = b[0] + b[HDR_SIZE - 1];
	if (i < HDR_SIZE) {
		b[i] = 0;
		ret += b[i];
	}
	sip_block_free(b);
	return ret;
}
