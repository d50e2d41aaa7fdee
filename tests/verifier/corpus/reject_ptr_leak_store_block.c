// SPDX-License-Identifier: GPL-2.0
/*
 * A pointer to private data stored into an exchange block that is then
 * sent: the receiver would learn a kernel address.
 */
// expect: reject leak_msg: pointer leak: storing a pointer (r1: data) into exchange block
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "ptr-leak-store-block");

static u64 state[2];

SIP_MSG(leak_msg)
{
	u64 *b = sip_block_alloc(16);

	if (!b)
		return -12;
	b[0] = (u64)&state[0];	// <-- here
	b[1] = state[1];
	if (sip_send(msg->chan, msg->tag, 0, 0, b)) {
		sip_block_free(b);
		return -5;
	}
	return 0;
}
