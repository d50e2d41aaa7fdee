// SPDX-License-Identifier: GPL-2.0
/*
 * A loop that stores one entry per set bit of a message argument into a
 * 16-entry table: up to 64 entries, with nothing bounding the index.
 */
// expect: reject loop_msg: private data out of bounds
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "loop-unbounded-index");

static u8 positions[16];

SIP_MSG(loop_msg)
{
	u64 x = msg->args[0];
	u32 n = 0;

	for (u32 bit = 0; x; bit++, x >>= 1)
		if (x & 1)
			positions[n++] = bit;	// <-- here
	return n;
}

SIP_EXIT(loop_exit)
{
	return sip_log(positions, sizeof(positions));
}
