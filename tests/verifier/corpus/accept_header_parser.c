// SPDX-License-Identifier: GPL-2.0
/*
 * A parser of the request header at the start of the message's block: the
 * block's size is checked against the header's size once, and then every
 * field and a table of 8 descriptors inside the header are read.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "header-parser");

struct desc {
	u32 off;
	u32 len;
};

struct req_hdr {
	u32 magic;
	u16 version;
	u8 nr_desc;
	u8 flags;
	u64 id;
	struct desc desc[8];
};

#define REQ_MAGIC 0x51525354

static u64 total_len, nr_bad;

SIP_MSG(parse_msg)
{
	struct req_hdr *h = sip_msg_block(msg);
	u32 i, n;

	if (!h)
		return -22;
	if (sip_block_size(h) < sizeof(*h))
		goto bad;
	if (h->magic != REQ_MAGIC || h->version != 1)
		goto bad;
	n = h->nr_desc;
	if (n > 8)
		goto bad;
	for (i = 0; i < n; i++)
		total_len += h->desc[i].len;
	sip_block_free(h);
	return 0;
bad:
	nr_bad++;
	sip_block_free(h);
	return -22;
}

SIP_EXIT(parse_exit)
{
	return total_len + nr_bad != 0;
}
