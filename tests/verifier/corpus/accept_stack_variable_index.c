// SPDX-License-Identifier: GPL-2.0
/*
 * A stack array indexed by a value from the message, checked first: the
 * write may land on any of its entries, all initialised, so they stay
 * readable (sip_log reads them all). Was refused as "variable offset into
 * the stack" before variable stack offsets were allowed.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "stack-variable-index");

SIP_MSG(stack_msg)
{
	u64 hist[8] = { 0 };
	u64 i = msg->args[0];

	if (i >= 8)
		return -22;
	hist[i] = 1;
	return sip_log(hist, sizeof(hist));
}
