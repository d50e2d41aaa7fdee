// SPDX-License-Identifier: GPL-2.0
/*
 * Private data, read one byte past the end: an off-by-one bounds check
 * (> instead of >=) on an index that comes with the message.
 */
// expect: reject data_msg: read of private data out of bounds (off [0, 16], size 1, size 16)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "data-read-past-end");

static u8 table[16];

SIP_INIT(data_init)
{
	for (int i = 0; i < 16; i++)
		table[i] = i * 3;
	return 0;
}

SIP_MSG(data_msg)
{
	u64 i = msg->args[0];

	if (i > 16)
		return -1;
	return table[i];	// <-- here
}
