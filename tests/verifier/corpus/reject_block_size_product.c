// SPDX-License-Identifier: GPL-2.0
/*
 * n < size / 8 bounds n by a quotient, which no relation keeps: word n
 * is refused, and the message says which bounds a check can give.
 */
// expect: reject words_msg: read of exchange block out of bounds (off [0, 2040], size 8, block 0): the block may be empty: compare the offset with its size first (i + c <= size; not *, / or sums of two values)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "block-size-product");

SIP_MSG(words_msg)
{
	u8 *b = sip_msg_block(msg);
	u64 size, n = msg->args[0] & 0xff, v = 0;

	if (!b)
		return 0;
	size = sip_block_size(b);
	if (n < size / 8)
		v = *(u64 *)(b + n * 8);	// <-- here
	sip_block_free(b);
	return v;
}
