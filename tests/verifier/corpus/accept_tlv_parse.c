// SPDX-License-Identifier: GPL-2.0
/*
 * Type-length-value records in the message's block: each record is a type
 * byte, a length byte and that many bytes of value; a record that does not
 * fit ends the walk. Counts the records by type and sums their values.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "tlv-parse");

static u64 counts[16], value_sum;

SIP_MSG(tlv_msg)
{
	u8 *b = sip_msg_block(msg);
	u64 size, off = 0;

	if (!b)
		return -22;
	size = sip_block_size(b);
	while (off + 2 <= size) {
		u8 t = b[off], l = b[off + 1];
		u64 j;

		if (off + 2 + l > size)
			break;
		counts[t & 15]++;
		for (j = off + 2; j < off + 2 + l; j++)
			value_sum += b[j];
		off += 2 + l;
	}
	sip_block_free(b);
	return 0;
}
