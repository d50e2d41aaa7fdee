// SPDX-License-Identifier: GPL-2.0
/*
 * A loop bounded by a count from the message, clamped with a min() to the
 * size of the table it walks; clang walks the table with a pointer moving
 * beside the counter, and the widened pointer must stay inside the table.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "loop-pointer-walk");

#define NR_ENTRIES 32
#define min(a, b) ((a) < (b) ? (a) : (b))

static u64 table[NR_ENTRIES];

SIP_MSG(sum_msg)
{
	u64 n = min(msg->args[0], (u64)NR_ENTRIES);
	u64 sum = 0;

	for (u64 i = 0; i < n; i++) {
		table[i] += msg->args[1];
		sum += table[i];
	}
	return sip_send(msg->chan, msg->tag, sum, n, NULL);
}
