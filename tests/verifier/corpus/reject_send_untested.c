// SPDX-License-Identifier: GPL-2.0
/*
 * The result of a send with a block is thrown away: if the send failed,
 * the block is still owned, and nothing frees it.
 */
// expect: reject send_msg: the result of sip_send at insn
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "send-untested");

SIP_MSG(send_msg)
{
	void *b = sip_block_alloc(64);

	if (!b)
		return -12;
	sip_send(msg->chan, msg->tag, 0, 0, b);
	return 0;
}	// <-- here
