// SPDX-License-Identifier: GPL-2.0
/*
 * sip_block_write of a stack record with a field never set: the block
 * would carry whatever an earlier handler left on the stack.
 */
// expect: reject write_msg: sip_block_write reads uninitialised stack
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "helper-block-write-uninit");

struct reply {
	u32 status;
	u32 len;
	u64 when;
};

SIP_MSG(write_msg)
{
	struct reply r;
	u8 *b = sip_msg_block(msg);

	if (!b)
		return 0;
	r.status = 0;
	r.len = 8;
	sip_block_write(b, 0, &r, sizeof(r));	// <-- here
	sip_block_free(b);
	return 0;
}
