// SPDX-License-Identifier: GPL-2.0
/*
 * Private data, written one byte before the start: the slot number of a
 * 1-based protocol used as a 0-based index minus one, without checking 0.
 */
// expect: reject data_msg: write to private data out of bounds (off [-1, 14], size 1, size 16)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "data-write-before-start");

static u8 state[16];

SIP_MSG(data_msg)
{
	u64 slot = msg->args[0];

	if (slot > 15)
		return -1;
	state[slot - 1] = msg->tag;	// <-- here
	return state[15];
}
