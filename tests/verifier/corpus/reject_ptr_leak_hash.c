// SPDX-License-Identifier: GPL-2.0
/*
 * A block's address used as a hash key: multiplying a pointer turns it
 * into a number, which is a leak.
 */
// expect: reject leak_msg: pointer leak: mul on a pointer
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "ptr-leak-hash");

static u64 buckets[16];

SIP_MSG(leak_msg)
{
	void *b = sip_msg_block(msg);
	u64 h;

	if (!b)
		return 0;
	h = (u64)b * 0x9e3779b97f4a7c15ull;	// <-- here
	buckets[h >> 60]++;
	sip_block_free(b);
	return 0;
}
