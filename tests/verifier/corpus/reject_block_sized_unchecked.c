// SPDX-License-Identifier: GPL-2.0
/*
 * A block of run-time size read without any check of sip_block_size():
 * nothing is known to be in it, not even its first byte.
 */
// expect: reject block_msg: read of exchange block out of bounds (off 0, size 1, block 0)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "block-sized-unchecked");

SIP_MSG(block_msg)
{
	u8 *b = sip_msg_block(msg);
	int ret;

	if (!b)
		return -22;
	ret = b[0];	// <-- here
	sip_block_free(b);
	return ret;
}
