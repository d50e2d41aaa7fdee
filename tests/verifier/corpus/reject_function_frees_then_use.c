// SPDX-License-Identifier: GPL-2.0
/*
 * A local function that frees the block it is given on error; its caller
 * goes on using the block whatever the function returned.
 */
// expect: reject uaf_msg: points to a block freed at insn
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "function-frees-then-use");

static __attribute__((noinline)) int validate(u64 *b, u64 magic)
{
	if (b[0] != magic) {
		sip_block_free(b);
		return -22;
	}
	return 0;
}

SIP_MSG(uaf_msg)
{
	u64 *b = sip_block_alloc(16);
	int err;

	if (!b)
		return -12;
	b[0] = msg->args[0];
	b[1] = 0;
	err = validate(b, 0x5350);
	b[1] = err;	// <-- here
	sip_block_free(b);
	return err;
}
