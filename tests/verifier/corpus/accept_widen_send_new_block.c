// SPDX-License-Identifier: GPL-2.0
/*
 * A loop that sends a new block each iteration and then settles the one
 * of the iteration before by its own result: the block held across the
 * loop's back edge is a different one each time, and widening pairs the
 * blocks of two states through the registers that hold them.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "widen-send-new-block", .nr_channels = 1,
	     .chans = { SIP_SERVES("ping", PING) });

SIP_MSG(pipe_msg)
{
	u8 *prev = NULL;
	long prev_st = 0;
	u64 i;

	for (i = 0; i < msg->args[0]; i++) {
		u8 *b = sip_block_alloc(64);
		long st;

		if (!b)
			break;
		b[0] = (u8)i;
		st = sip_send(msg->chan, SIP_ECHO, i, 0, b);
		if (prev && prev_st)
			sip_block_free(prev);
		prev = b;
		prev_st = st;
	}
	if (prev && prev_st)
		sip_block_free(prev);
	return 0;
}
