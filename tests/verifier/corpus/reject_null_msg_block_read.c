// SPDX-License-Identifier: GPL-2.0
/*
 * sip_msg_block() read before its NULL check, after a size test that does
 * not look at the pointer at all.
 */
// expect: reject null_msg: may be NULL: check it before the read
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "null-msg-block-read");

SIP_MSG(null_msg)
{
	u8 *b = sip_msg_block(msg);
	int ret = 0;

	if (msg->block_size >= 1)
		ret = b[0];	// <-- here
	sip_block_free(b);
	return ret;
}
