// SPDX-License-Identifier: GPL-2.0
/*
 * A checksum of the message's block, eight bytes at a time, for as many
 * whole words as its size holds: the index is bounded only by the size,
 * through "i + 8 <= len".
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "xor-block");

SIP_MSG(xor_msg)
{
	u8 *b = sip_msg_block(msg);
	u64 len, i, x = 0;

	if (!b)
		return -22;
	len = sip_block_size(b);
	for (i = 0; i + 8 <= len; i += 8)
		x ^= *(u64 *)(b + i);
	sip_block_free(b);
	return x != 0;
}
