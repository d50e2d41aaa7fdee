// SPDX-License-Identifier: GPL-2.0
/*
 * A local function that returns nothing (void: clang leaves r0 unset at its
 * exit). Only the handler's own exit needs r0; a function's r0 goes back to
 * its caller as it is.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "void-local-function");

static u64 stats[4];

static __attribute__((noinline)) void count(u64 tag)
{
	stats[tag & 3]++;
}

SIP_MSG(void_msg)
{
	count(msg->tag);
	return 0;
}
