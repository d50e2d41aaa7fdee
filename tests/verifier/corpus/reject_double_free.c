// SPDX-License-Identifier: GPL-2.0
/*
 * A block freed twice: once in the error branch, once more in the common
 * cleanup after it.
 */
// expect: reject df_msg: points to a block freed at insn
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "double-free");

SIP_MSG(df_msg)
{
	void *b = sip_block_alloc(32);
	int ret = 0;

	if (!b)
		return -12;
	if (msg->tag != 1) {
		sip_block_free(b);
		ret = -95;
	}
	sip_block_free(b);	// <-- here
	return ret;
}
