// SPDX-License-Identifier: GPL-2.0
/*
 * A block allocated by a local function and handed back through an out
 * parameter in the caller's stack (the usual C shape: "err =
 * alloc_req(&req)"): a block pointer may be stored into an older frame.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "out-param-block");

static __attribute__((noinline)) int alloc_req(void **out, u64 size)
{
	void *b = sip_block_alloc(size);

	if (!b)
		return -12;
	*out = b;
	return 0;
}

SIP_MSG(out_msg)
{
	void *req;
	int err = alloc_req(&req, 64);

	if (err)
		return err;
	sip_block_free(req);
	return 0;
}
