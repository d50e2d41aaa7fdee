// SPDX-License-Identifier: GPL-2.0
/*
 * The block a message carries, taken with sip_msg_block(), becomes the
 * handler's to free: dropping it on the floor is a leak.
 */
// expect: reject leak_msg: block leak: the block from insn 1 (reject_leak_msg_block.c:13) is still owned at exit
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "leak-msg-block");

SIP_MSG(leak_msg)
{
	void *b = sip_msg_block(msg);

	if (b && msg->tag == 7)
		return -95;
	sip_block_free(b);
	return 0;
}	// <-- here
