// SPDX-License-Identifier: GPL-2.0
/*
 * Private data, written one byte past the end: the message's index is
 * checked with <= the size instead of <.
 */
// expect: reject data_msg: write to private data out of bounds (off [0, 16], size 1, size 16)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "data-write-past-end");

static u8 table[16];

SIP_MSG(data_msg)
{
	u64 i = msg->args[0];

	if (i <= sizeof(table))
		table[i] = msg->args[1];	// <-- here
	return table[0];
}
