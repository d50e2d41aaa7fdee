// SPDX-License-Identifier: GPL-2.0
/*
 * sip_block_alloc() given a pointer as its size.
 */
// expect: reject alloc_msg: pointer leak: argument 1 of sip_block_alloc (r1: data) must be a number
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "helper-alloc-pointer-size");

static u64 sizes[4];

SIP_MSG(alloc_msg)
{
	void *b = sip_block_alloc((u64)sizes);	// <-- here

	sip_block_free(b);
	return 0;
}
