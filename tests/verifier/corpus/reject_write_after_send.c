// SPDX-License-Identifier: GPL-2.0
/*
 * A block written after a successful send: the sender clears a field of
 * a request the receiver may be reading.
 */
// expect: reject uas_msg: points to a block sent at insn
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "write-after-send");

SIP_MSG(uas_msg)
{
	u64 *b = sip_msg_block(msg);
	long ret;

	if (!b)
		return 0;
	if (sip_block_size(b) < 8) {
		sip_block_free(b);
		return -22;
	}
	ret = sip_send(msg->chan, msg->tag + 1, 0, 0, b);
	if (ret == 0) {
		b[0] = 0;	// <-- here
		return 0;
	}
	sip_block_free(b);
	return ret;
}
