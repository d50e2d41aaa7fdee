// SPDX-License-Identifier: GPL-2.0
/*
 * Loops with constant bounds over private data: clearing, summing and a
 * running maximum over a 64-entry histogram.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "loop-const");

#define NR_BUCKETS 64

static u32 hist[NR_BUCKETS];

SIP_INIT(loop_init)
{
	for (int i = 0; i < NR_BUCKETS; i++)
		hist[i] = 0;
	return 0;
}

SIP_MSG(loop_msg)
{
	u32 max = 0, sum = 0;

	hist[msg->args[0] % NR_BUCKETS]++;
	for (int i = 0; i < NR_BUCKETS; i++) {
		sum += hist[i];
		if (hist[i] > max)
			max = hist[i];
	}
	return sip_send(msg->chan, msg->tag, sum, max, NULL);
}
