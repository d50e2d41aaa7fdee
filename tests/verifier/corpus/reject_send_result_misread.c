// SPDX-License-Identifier: GPL-2.0
/*
 * The result of a send tested the wrong way: sip_send() returns 0 or a
 * negative errno, so "ret > 0" never tells whether the block was sent, and
 * the block is freed while it may belong to the receiver.
 */
// expect: reject uas_msg: r1 may have been sent (sip_send at insn
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "send-result-misread");

SIP_MSG(uas_msg)
{
	void *b = sip_block_alloc(64);
	long ret;

	if (!b)
		return -12;
	ret = sip_send(msg->chan, msg->tag, 0, 0, b);
	if (ret > 0)
		return ret;
	sip_block_free(b);	// <-- here
	return ret;
}
