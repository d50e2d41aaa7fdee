// SPDX-License-Identifier: GPL-2.0
/*
 * A 16-byte header copied out of a block whose size was checked for 8
 * bytes only: sip_memcpy reads what a load would, and is refused the same.
 */
// expect: reject copy_msg: read of exchange block out of bounds (off 0, size 16, block 8)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "helper-memcpy-past-block");

struct hdr {
	u64 a, b;
};

SIP_MSG(copy_msg)
{
	struct hdr h;
	u8 *b = sip_msg_block(msg);

	if (!b)
		return 0;
	if (sip_block_size(b) >= 8)
		sip_memcpy(&h, b, sizeof(h));	// <-- here
	sip_block_free(b);
	return 0;
}
