// SPDX-License-Identifier: GPL-2.0
/*
 * A block pointer saved in private data "for later": private data outlives
 * the handler, the block's ownership does not (slots exist for that).
 */
// expect: reject leak_msg: pointer leak: storing a pointer (r0: block) into private data
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "ptr-leak-store-data");

static void *saved;

SIP_MSG(leak_msg)
{
	void *b = sip_block_alloc(16);

	if (!b)
		return -12;
	saved = b;	// <-- here
	return 0;
}

SIP_EXIT(leak_exit)
{
	return saved != 0;
}
