// SPDX-License-Identifier: GPL-2.0
/*
 * sip_msg_block() returns NULL when the message carries no block: reading
 * its size before testing it is refused.
 */
// expect: reject null_msg: argument 1 of sip_block_size (r1: block_or_null) must be an owned block
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "null-msg-block-unchecked");

SIP_MSG(null_msg)
{
	void *b = sip_msg_block(msg);
	u64 n = sip_block_size(b);	// <-- here

	sip_block_free(b);
	return n;
}
