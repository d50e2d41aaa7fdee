// SPDX-License-Identifier: GPL-2.0
// expect: reject tlv_msg: read of exchange block out of bounds (off 2, size 1, block 2): no check made bounds this offset by the block's size (sums of two values, products, quotients are not kept)
/*
 * Type-length-value records walked by index, a value's bytes by j < l:
 * off + 2 + j < off + 2 + l <= size relates four values, and relations
 * hold two. The message says that the checks made do not bound the
 * offset (the program did compare with the size). Walking the value with
 * i from off + 2 to off + 2 + l verifies (example_drivers/tlvping.c).
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
