// SPDX-License-Identifier: GPL-2.0
/*
 * Blocks allocated in a loop, only the last one of which is freed.
 */
// expect: reject leak_msg: block leak: the block from insn 1 (reject_leak_in_loop.c:15) is still owned at exit
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "leak-in-loop");

SIP_MSG(leak_msg)
{
	void *b = NULL;

	for (int i = 0; i < 4; i++) {
		b = sip_block_alloc(16);
		if (!b)
			return -12;
	}
	sip_block_free(b);
	return 0;
}	// <-- here
