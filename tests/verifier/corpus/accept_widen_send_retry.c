// SPDX-License-Identifier: GPL-2.0
/*
 * A retry loop written the right way: each send's own result decides
 * whether the block is still ours, on every try. The loop head is widened
 * after its first visits, and the link between the block and the newest
 * send holds in every state, so widening keeps it.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "widen-send-retry");

SIP_MSG(retry_msg)
{
	u8 *b = sip_block_alloc(64);
	long status;
	u64 i;

	if (!b)
		return -12;
	status = sip_send(msg->chan, msg->tag, 0, 0, b);
	for (i = 0; status; i++) {
		b[0] = (u8)i;		/* not sent: still ours */
		if (i == msg->args[0]) {
			sip_block_free(b);
			return -11;
		}
		status = sip_send(msg->chan, msg->tag, i, 0, b);
	}
	return 0;
}
