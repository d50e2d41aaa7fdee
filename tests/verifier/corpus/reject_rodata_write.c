// SPDX-License-Identifier: GPL-2.0
/*
 * Read-only data written through a cast that drops const: even the first
 * byte of .rodata may not be written.
 */
// expect: reject rodata_msg: write to read-only data
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "rodata-write");

static const u8 table[16] = {
	3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3,
};

SIP_MSG(rodata_msg)
{
	u64 i = msg->args[0];

	if (i >= sizeof(table))
		return -1;
	*(volatile u8 *)&table[i] = msg->tag;	// <-- here
	return table[i];
}
