// SPDX-License-Identifier: GPL-2.0
/*
 * sip_block_free() of a stack buffer: only owned exchange blocks can be
 * freed.
 */
// expect: reject free_msg: argument 1 of sip_block_free (r1: stack) must be an owned block or NULL
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "helper-free-stack");

static __attribute__((noinline)) void release(void *p)
{
	sip_block_free(p);	// <-- here
}

SIP_MSG(free_msg)
{
	u64 local[2] = { msg->args[0], msg->args[1] };

	release(local);
	return local[0];
}
