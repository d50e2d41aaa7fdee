// SPDX-License-Identifier: GPL-2.0
/*
 * A retry loop that stops updating its status after 64 tries: from then
 * on "status" is the result of an older send, and after 200 tries the
 * loop writes into the block although the newest send may have moved it
 * to the receiver. Regression: loop widening kept the block's link to the
 * send of the older state and the status register's zero link, which in
 * the newer state belonged to another send; testing the stale status then
 * settled the newest send, and the write was taken as safe (the analysis
 * then went round the widened loop until its comparison limit). Now a link
 * is kept only where it holds in both states: the block's newest send has
 * no result that settles it, and its next use is refused (the next send
 * of it, reached first). The loop head's 65th visit is where widening
 * starts: the status stops changing one visit before it.
 */
// expect: reject retry_msg: r5 may have been sent (sip_send at insn
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "widen-send-result-older");

SIP_MSG(retry_msg)
{
	u8 *b = sip_block_alloc(64);
	long status, ret;
	u64 i;

	if (!b)
		return -12;
	status = sip_send(msg->chan, msg->tag, 0, 0, b);
	for (i = 0;; i++) {
		if (i > 200 && status)
			b[0] = 1;
		if (!status)
			break;
		ret = sip_send(msg->chan, msg->tag, i, 0, b);	// <-- here
		if (i < 64)
			status = ret;
	}
	return 0;
}
