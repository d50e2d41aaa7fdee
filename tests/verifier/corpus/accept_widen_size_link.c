// SPDX-License-Identifier: GPL-2.0
/*
 * A block's newest size, taken once before a loop, checked inside it: the
 * loop head is widened after its first visits, and the link between n and
 * the block holds in every state, so widening keeps it and the check still
 * proves the bytes it guards.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "widen-size-link");

SIP_MSG(sum_msg)
{
	u8 *b = sip_msg_block(msg);
	u64 i, n, sum = 0;

	if (!b)
		return -22;
	n = sip_block_size(b);
	for (i = 0; i < msg->args[0]; i++) {
		sum += i;
		if (n >= 16)
			sum += b[15];
	}
	sip_block_free(b);
	return sum & 0xff;
}
