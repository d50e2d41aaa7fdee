// expect: reject csum_msg: read of exchange block out of bounds
/*
 * A one's complement 16-bit checksum over the block, as in IP headers.
 *
 * Refused because p moves up by 2 as len moves down by 2; what bounds p[0]
 * after the loop is offset(p) + len == size, a sum, which difference
 * relations cannot hold.
 */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "csum", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

static u16 csum16(const u8 *p, u64 len)
{
	u32 sum = 0;

	while (len > 1) {
		sum += (p[0] << 8) | p[1];
		p += 2;
		len -= 2;
	}
	if (len)
		sum += p[0] << 8;	// <-- here
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return ~sum;
}

SIP_MSG(csum_msg)
{
	u8 *b = sip_msg_block(msg);
	long ret;
	u16 c;

	if (!b)
		return 0;
	c = csum16(b, sip_block_size(b));
	ret = sip_send(msg->chan, SIP_ECHO, msg->args[0], c, b);
	if (ret)
		sip_block_free(b);
	return 0;
}
