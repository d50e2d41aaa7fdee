// SPDX-License-Identifier: GPL-2.0
/*
 * A fixed-size header checked against msg->block_size before the block is
 * taken, as the error message for an unchecked access recommends; the
 * header's fields are then read without another check.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "msg-size-checked");

struct hdr {
	u32 magic;
	u32 len;
	u64 seq;
};

static u64 last_seq;

SIP_MSG(hdr_msg)
{
	struct hdr *h;

	if (msg->block_size < sizeof(*h))
		return -22;
	h = sip_msg_block(msg);
	if (!h)
		return -22;
	if (h->magic == 0x48445231)
		last_seq = h->seq;
	sip_block_free(h);
	return 0;
}
