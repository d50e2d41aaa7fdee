// SPDX-License-Identifier: GPL-2.0
/*
 * A block pointer compared with a number from the message: the outcome
 * would reveal the kernel address bit by bit.
 */
// expect: reject leak_msg: pointer comparison
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "ptr-compare-scalar");

SIP_MSG(leak_msg)
{
	void *b = sip_msg_block(msg);
	static const char high[] = "high block";

	if (!b)
		return 0;
	if ((u64)b > msg->args[0])	// <-- here
		sip_log(high, sizeof(high) - 1);
	sip_block_free(b);
	return 0;
}
