// SPDX-License-Identifier: GPL-2.0
/*
 * A block read after a successful send: it belongs to the receiver now.
 */
// expect: reject uas_msg: points to a block sent at insn
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "use-after-send");

SIP_MSG(uas_msg)
{
	u64 *b = sip_block_alloc(16);

	if (!b)
		return -12;
	b[0] = msg->args[0];
	b[1] = 0;
	if (sip_send(msg->chan, msg->tag, 0, 0, b)) {
		sip_block_free(b);
		return -5;
	}
	return b[0] & 1;	// <-- here
}
