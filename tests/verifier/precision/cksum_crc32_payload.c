// expect: reject crcpay_msg: sip_crc32: size r3 may be
/*
 * CRC-32 of a payload after an 8-byte header whose first word gives the
 * payload's length. The check is len > size - 8: "8 + len > size" would
 * let a len near 2^32 wrap past it in 32 bits.
 *
 * Refused because len <= size - 8 is proved, but a block may be up to 1 GiB
 * and a helper takes at most 64 KiB per call; the message names that limit
 * (safe C, no memory at risk).
 */
#include <sipdrv/sip.h>

#define EINVAL 22

SIP_MANIFEST(.name = "crcpay", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

SIP_MSG(crcpay_msg)
{
	u8 *b = sip_msg_block(msg);
	u64 size;
	u32 len, crc = 0;
	long status = 0, ret;

	if (!b)
		return 0;
	size = sip_block_size(b);
	if (size < 8) {
		status = -EINVAL;
		goto reply;
	}
	len = *(u32 *)b;
	if (len > size - 8) {
		status = -EINVAL;
		goto reply;
	}
	crc = sip_crc32(0, b + 8, len);	// <-- here
reply:
	ret = sip_send(msg->chan, SIP_ECHO, status, crc, b);
	if (ret)
		sip_block_free(b);
	return 0;
}
