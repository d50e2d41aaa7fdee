// SPDX-License-Identifier: GPL-2.0
/*
 * A constant table maps a message's opcode to a histogram bucket: the
 * bucket is bounded by the table's content, not by a check.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "rodata-table");

static const u8 bucket_of[16] = { 0, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 7 };
static u64 buckets[8];

SIP_MSG(count_msg)
{
	buckets[bucket_of[msg->args[0] & 15]]++;
	return 0;
}
