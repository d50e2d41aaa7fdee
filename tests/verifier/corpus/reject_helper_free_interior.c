// SPDX-License-Identifier: GPL-2.0
/*
 * sip_block_free() of a pointer into the middle of a block (the payload
 * after its header) instead of the block itself.
 */
// expect: reject free_msg: argument 1 of sip_block_free must point to the start of its block (off 8)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "helper-free-interior");

struct pkt {
	u64 hdr;
	u8 payload[56];
};

SIP_MSG(free_msg)
{
	struct pkt *p = sip_block_alloc(sizeof(*p));
	u8 *payload;

	if (!p)
		return -12;
	p->hdr = msg->args[0];
	payload = p->payload;
	payload[0] = 0;
	sip_block_free(payload);	// <-- here
	return 0;
}
