// SPDX-License-Identifier: GPL-2.0
/*
 * A request header of 68 bytes laid over the message's block after a size
 * check against the wrong constant (64): the last field lies beyond what
 * the check proves.
 */
// expect: reject block_msg: write to exchange block out of bounds (off 64, size 4, block 64)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "block-struct-too-small");

struct req_hdr {
	u32 opcode;
	u32 flags;
	u64 sector;
	u8 key[48];
	u32 status;
};

SIP_MSG(block_msg)
{
	struct req_hdr *h = sip_msg_block(msg);

	if (!h)
		return -22;
	if (sip_block_size(h) < 64)
		goto drop;
	h->flags = 0;
	h->status = h->opcode == 1 ? 0 : 95;	// <-- here
drop:
	sip_block_free(h);
	return 0;
}
