// SPDX-License-Identifier: GPL-2.0
/*
 * sip_block_alloc() may return NULL: writing to its result before testing
 * it is refused.
 */
// expect: reject null_msg: may be NULL: check it before the write
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "null-alloc-unchecked");

SIP_MSG(null_msg)
{
	u64 *b = sip_block_alloc(16);

	b[0] = msg->args[0];	// <-- here
	b[1] = msg->args[1];
	return sip_send(msg->chan, msg->tag, 0, 0, b) ? sip_block_free(b), -1 : 0;
}
