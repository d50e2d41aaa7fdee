// SPDX-License-Identifier: GPL-2.0
/*
 * Pointer arithmetic on a block that may be NULL: the pointer to its
 * second field is made before the test.
 */
// expect: reject null_msg: which may be NULL (check it first)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "null-arith");

static __attribute__((noinline)) int fill(u64 *field, void *block, u64 v)
{
	if (!block)
		return -12;
	*field = v;
	return 0;
}

SIP_MSG(null_msg)
{
	u64 *b = sip_block_alloc(16);
	int ret;

	ret = fill(b + 1, b, msg->args[0]);	// <-- here
	sip_block_free(b);
	return ret;
}
