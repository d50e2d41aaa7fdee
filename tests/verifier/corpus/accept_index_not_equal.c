// SPDX-License-Identifier: GPL-2.0
/*
 * A scan that stops at the block's end by "i == size" (what clang makes of
 * "i >= size" for an int counting up by one from 0): i <= size from the loop,
 * and i != size from the test, make i < size.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "index-not-equal");

SIP_MSG(scan_msg)
{
	u8 *b = sip_msg_block(msg);
	u64 size;
	long n = 0;
	int i;

	if (!b)
		return 0;
	size = sip_block_size(b);
	for (i = 0; i < 1024; i++) {
		if (i >= size)
			break;
		n += b[i];
	}
	sip_block_free(b);
	return n;
}
