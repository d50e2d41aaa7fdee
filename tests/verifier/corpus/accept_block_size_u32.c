// SPDX-License-Identifier: GPL-2.0
/*
 * Regression: was refused with "read of exchange block out of bounds (off 15,
 * size 1, block 0)" although the size was checked.
 *
 * "u32 len = sip_block_size(b); if (len >= 16) ... b[15]": clang -O2 zero-
 * extends the u32 with "r0 <<= 32; r0 >>= 32" and compares that. The
 * shifts give a new scalar without the id that ties sip_block_size()'s
 * result to the block, so the check teaches nothing about the block. Yet
 * the verifier knows the result is at most SIP_BLOCK_MAX (1 << 30): the
 * zero extension leaves it unchanged, and the id could be kept (the same
 * rule as for send results in send_result_int.c: an operation that is the
 * identity on the register's known range keeps its id).
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "block-size-u32");

SIP_MSG(size_msg)
{
	u8 *b = sip_msg_block(msg);
	u32 len;
	int ret = 0;

	if (!b)
		return -22;
	len = sip_block_size(b);
	if (len >= 16)
		ret = b[15];
	sip_block_free(b);
	return ret;
}
