// SPDX-License-Identifier: GPL-2.0
/*
 * Read-only data, written one byte past the end: refused as a write to
 * read-only data before its bounds are even looked at.
 */
// expect: reject rodata_msg: write to read-only data
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "rodata-write-past-end");

static const u8 table[16] = {
	3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3,
};

SIP_MSG(rodata_msg)
{
	u64 i = msg->args[0];

	if (i > sizeof(table))
		return -1;
	*(volatile u8 *)&table[i] = 0;	// <-- here
	return 0;
}
