// SPDX-License-Identifier: GPL-2.0
/*
 * A loop bounded by a count from the message, clamped with a min() to the
 * size of the table it walks; the work on each entry is done by a local
 * function given the index.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "loop-min-ctx");

#define NR_ENTRIES 32
#define min(a, b) ((a) < (b) ? (a) : (b))

static u64 table[NR_ENTRIES];

static __attribute__((noinline)) u64 bump(u64 i, u64 delta)
{
	table[i] += delta;
	return table[i];
}

SIP_MSG(sum_msg)
{
	u64 n = min(msg->args[0], (u64)NR_ENTRIES);
	u64 sum = 0;

	for (u64 i = 0; i < n; i++)
		sum += bump(i, msg->args[1]);
	return sip_send(msg->chan, msg->tag, sum, n, NULL);
}
