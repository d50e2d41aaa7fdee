// SPDX-License-Identifier: GPL-2.0
/*
 * Private data at its edges: the first and the last byte, by constant
 * offset and through a checked index, read and written.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "data-edges");

static u8 table[16];

SIP_MSG(data_msg)
{
	u64 i = msg->args[0];

	table[0] = 1;
	table[15] = 2;
	if (i >= sizeof(table))
		return table[0] + table[15];
	table[i] = msg->tag;
	return table[i] + table[15 - i];
}
