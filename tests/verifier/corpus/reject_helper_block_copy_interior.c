// SPDX-License-Identifier: GPL-2.0
/*
 * sip_block_copy given a pointer into the middle of a block: its blocks are
 * named by their start, the offsets are arguments of their own (checked
 * when the call runs).
 */
// expect: reject copy_msg: argument 1 of sip_block_copy must point to the start of its block (off 8)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "helper-block-copy-interior");

SIP_MSG(copy_msg)
{
	u8 *b = sip_msg_block(msg);

	if (!b)
		return 0;
	if (sip_block_size(b) >= 16)
		sip_block_copy(b + 8, 0, b, 0, 8);	// <-- here
	sip_block_free(b);
	return 0;
}
