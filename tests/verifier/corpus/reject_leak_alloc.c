// SPDX-License-Identifier: GPL-2.0
/*
 * A block allocated and never freed, sent or kept: still owned when the
 * handler returns.
 */
// expect: reject leak_msg: block leak: the block from insn
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "leak-alloc");

SIP_MSG(leak_msg)
{
	u64 *b = sip_block_alloc(8);

	if (!b)
		return -12;
	*b = msg->args[0];
	return 0;
}	// <-- here
