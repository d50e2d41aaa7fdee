// SPDX-License-Identifier: GPL-2.0
/*
 * Read-only data at its edges: a lookup table read at its first and last
 * byte, and through an index checked against its size.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "rodata-edges");

static const u8 table[16] = {
	3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3,
};

SIP_MSG(rodata_msg)
{
	const volatile u8 *t = table;
	u64 i = msg->args[0];

	if (i >= sizeof(table))
		return t[0] + t[15];
	return t[i];
}
