// SPDX-License-Identifier: GPL-2.0
/*
 * A network-order header in a block: fields converted with byte swaps
 * (__builtin_bswap16/32/64), shifts and masks, and written back swapped.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "byte-order");

struct net_hdr {
	u16 type;
	u16 len;
	u32 seq;
	u64 stamp;
};

SIP_MSG(net_msg)
{
	struct net_hdr *h = sip_msg_block(msg);
	u32 seq;
	long ret;

	if (!h)
		return -22;
	if (sip_block_size(h) < sizeof(*h)) {
		sip_block_free(h);
		return -22;
	}
	seq = __builtin_bswap32(h->seq);
	h->seq = __builtin_bswap32(seq + 1);
	h->len = __builtin_bswap16(__builtin_bswap16(h->len) & 0x7ff);
	h->stamp = __builtin_bswap64(sip_time_ns());
	ret = sip_send(msg->chan, __builtin_bswap16(h->type), seq, 0, h);
	if (ret)
		sip_block_free(h);
	return ret;
}
