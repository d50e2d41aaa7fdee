// SPDX-License-Identifier: GPL-2.0
/*
 * Read-only data, read one byte past the end: a lookup table indexed with
 * a value checked with <= its size.
 */
// expect: reject rodata_msg: read of read-only data out of bounds (off [0, 16], size 1, size 16)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "rodata-read-past-end");

static const u8 table[16] = {
	3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3,
};

SIP_MSG(rodata_msg)
{
	u64 i = msg->args[0];

	if (i <= sizeof(table))
		return table[i];	// <-- here
	return -1;
}
