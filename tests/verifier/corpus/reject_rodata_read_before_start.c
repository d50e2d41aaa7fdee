// SPDX-License-Identifier: GPL-2.0
/*
 * Read-only data, read one byte before the start: a table of 1-based
 * codes looked up at code - 1 without refusing code 0.
 */
// expect: reject rodata_msg: read of read-only data out of bounds (off [-1, 14], size 1, size 16)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "rodata-read-before-start");

static const u8 table[16] = {
	3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3,
};

SIP_MSG(rodata_msg)
{
	u64 code = msg->tag;

	if (code > 15)
		return -1;
	return table[code - 1];	// <-- here
}
