// SPDX-License-Identifier: GPL-2.0
/*
 * A loop that sends a new block each iteration and settles the previous
 * one at the top of the next, by its own result (prev_st). After 100
 * iterations it also writes into the previous block when the *first*
 * send failed: the first send's result says nothing about the previous
 * block, which may be the receiver's. On the loop's second visit "first"
 * is the previous block's result; on later visits it is not, and neither
 * pruning nor widening may carry the link from one to the other. Refused
 * at the write.
 */
// expect: reject pipe_msg: may have been sent (sip_send at insn
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "widen-send-result-new-block", .nr_channels = 1,
	     .chans = { SIP_SERVES("ping", PING) });

SIP_MSG(pipe_msg)
{
	u8 *prev = NULL;
	long prev_st = 0, first = 0;
	u64 i;

	for (i = 0; i < msg->args[0]; i++) {
		u8 *b;

		if (prev) {
			if (i > 100 && first)
				prev[0] = 1;	// <-- here
			if (prev_st)
				sip_block_free(prev);
		}
		prev = NULL;
		b = sip_block_alloc(64);
		if (!b)
			break;
		prev_st = sip_send(msg->chan, SIP_ECHO, i, 0, b);
		if (i == 0)
			first = prev_st;
		prev = b;
	}
	if (prev && prev_st)
		sip_block_free(prev);
	return 0;
}
