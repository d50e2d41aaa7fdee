// SPDX-License-Identifier: GPL-2.0
/*
 * A block read between its send and the test of the send's result: it may
 * already belong to the receiver.
 */
// expect: reject send_msg: may have been sent (sip_send at insn
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "pending-block-use");

static u64 last;

SIP_MSG(send_msg)
{
	u64 *b = sip_block_alloc(64);
	long ret;

	if (!b)
		return -12;
	b[0] = msg->args[0];
	ret = sip_send(msg->chan, msg->tag, 0, 0, b);
	last = b[0];	// <-- here
	if (ret)
		sip_block_free(b);
	return ret;
}

SIP_EXIT(send_exit)
{
	return last;
}
