// SPDX-License-Identifier: GPL-2.0
/*
 * A stack array indexed by a value from the message, even a checked one:
 * stack accesses must be at constant offsets (put such tables in private
 * data instead).
 */
// expect: reject stack_msg: variable offset into the stack
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "stack-variable-offset");

SIP_MSG(stack_msg)
{
	u64 hist[8] = { 0 };
	u64 i = msg->args[0];

	if (i >= 8)
		return -22;
	hist[i] = 1;	// <-- here
	return sip_log(hist, sizeof(hist));
}
