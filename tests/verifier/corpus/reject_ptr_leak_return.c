// SPDX-License-Identifier: GPL-2.0
/*
 * A handler that returns the address of its private data: the kernel
 * address would leak to whoever reads the handler's result.
 */
// expect: reject leak_msg: pointer leak: the handler returns a pointer (r0: data)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "ptr-leak-return");

static u64 counters[4];

SIP_MSG(leak_msg)
{
	counters[msg->tag & 3]++;
	return (long)counters;	// <-- here
}
