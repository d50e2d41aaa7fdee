// SPDX-License-Identifier: GPL-2.0
/*
 * i <= size + 1 and i != size leave i == size + 1: one past the end. The
 * bound tightens by one only where the relation was exactly i <= size.
 */
// expect: reject scan_msg: read of exchange block out of bounds
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "index-not-equal-past");

SIP_MSG(scan_msg)
{
	u8 *b = sip_msg_block(msg);
	u64 size, i = msg->args[0] & 0xfff;
	long n = 0;

	if (!b)
		return 0;
	size = sip_block_size(b);
	if (i <= size + 1 && i != size)
		n = b[i];	// <-- here
	sip_block_free(b);
	return n;
}
