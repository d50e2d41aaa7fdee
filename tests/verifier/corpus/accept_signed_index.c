// SPDX-License-Identifier: GPL-2.0
/*
 * A signed offset from the message into a table in private data centred on
 * its middle entry, checked on both sides at once by moving it to an
 * unsigned index.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "signed-index");

#define HALF 16

static s32 table[2 * HALF];

SIP_MSG(signed_msg)
{
	s64 d = (s64)msg->args[0];
	u64 i = (u64)(d + HALF);

	if (i >= 2 * HALF)
		return -33;
	table[i] += 1;
	return table[i];
}
