// expect: reject tlv_msg: read of exchange block out of bounds
/*
 * Type-length-value records walked by index: counts them and sums type 1
 * values.
 *
 * Refused because off + 2 + l <= size relates three numbers (off, l and the
 * size) and relations hold two, so the value loop b[off + 2 + j], j < l,
 * is unbounded.
 */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "tlvidx", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

SIP_MSG(tlv_msg)
{
	u8 *b = sip_msg_block(msg);
	u64 size, off = 0, sum = 0, count = 0;
	u8 type, l, j;
	long ret;

	if (!b)
		return 0;
	size = sip_block_size(b);
	while (off + 2 <= size) {
		type = b[off];
		l = b[off + 1];
		if (off + 2 + l > size)
			break;
		if (type == 1)
			for (j = 0; j < l; j++)
				sum += b[off + 2 + j];	// <-- here
		count++;
		off += 2 + l;
	}
	ret = sip_send(msg->chan, SIP_ECHO, count, sum, b);
	if (ret)
		sip_block_free(b);
	return 0;
}
