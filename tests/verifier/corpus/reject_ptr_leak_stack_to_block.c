// SPDX-License-Identifier: GPL-2.0
/*
 * A pointer to a stack buffer stored in the reply block, as a "where to
 * write the answer" field.
 */
// expect: reject leak_msg: pointer leak: storing a pointer (r1: stack) into exchange block
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "ptr-leak-stack-to-block");

SIP_MSG(leak_msg)
{
	u64 answer[2] = { 0, 0 };
	u64 *b = sip_block_alloc(16);
	long ret;

	if (!b)
		return -12;
	b[0] = (u64)answer;	// <-- here
	b[1] = sizeof(answer);
	ret = sip_send(msg->chan, msg->tag, 0, 0, b);
	if (ret)
		sip_block_free(b);
	return ret + answer[0];
}
