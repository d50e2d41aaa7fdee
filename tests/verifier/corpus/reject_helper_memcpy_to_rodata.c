// SPDX-License-Identifier: GPL-2.0
/*
 * A copy into read-only data (a const table cast to writable): refused as
 * a store there would be.
 */
// expect: reject copy_msg: write to read-only data
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "helper-memcpy-to-rodata");

static const u64 table[4] = { 1, 2, 3, 4 };

SIP_MSG(copy_msg)
{
	u64 v = msg->args[0];

	return sip_memcpy((void *)&table[1], &v, sizeof(v));	// <-- here
}
