// SPDX-License-Identifier: GPL-2.0
/*
 * Private data, read one byte before the start: entry i - 1 of a table
 * indexed from 1, where the message may carry 0.
 */
// expect: reject data_msg: read of private data out of bounds (off [-1, 14], size 1, size 16)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "data-read-before-start");

static u8 table[16];

SIP_INIT(data_init)
{
	for (int i = 0; i < 16; i++)
		table[i] = i + 1;
	return 0;
}

SIP_MSG(data_msg)
{
	u64 i = msg->args[0];

	if (i >= 16)
		return -1;
	return table[i - 1];	// <-- here
}
