// SPDX-License-Identifier: GPL-2.0
/*
 * A block written after it was freed on an error path that falls back into
 * the normal one.
 */
// expect: reject uaf_msg: points to a block freed at insn
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "use-after-free-write");

SIP_MSG(uaf_msg)
{
	u64 *b = sip_block_alloc(16);

	if (!b)
		return -12;
	if (msg->args[0] > 4096)
		sip_block_free(b);
	b[1] = msg->args[0];	// <-- here
	return sip_send(msg->chan, msg->tag, 0, 0, b) ? sip_block_free(b), -5 : 0;
}
