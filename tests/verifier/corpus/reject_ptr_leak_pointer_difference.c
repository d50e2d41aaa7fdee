// SPDX-License-Identifier: GPL-2.0
/*
 * The distance between private data and a block: subtracting pointers of
 * two regions gives a number that depends on kernel addresses.
 */
// expect: reject leak_msg: pointer leak: sub between
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "ptr-leak-pointer-difference");

static u8 area[64];

SIP_MSG(leak_msg)
{
	u8 *b = sip_msg_block(msg);
	u64 d;

	if (!b)
		return 0;
	d = b - area;	// <-- here
	area[d & 63]++;
	sip_block_free(b);
	return 0;
}
