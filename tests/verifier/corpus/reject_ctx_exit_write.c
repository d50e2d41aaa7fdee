// SPDX-License-Identifier: GPL-2.0
/*
 * The exit context (the load parameters) is read-only too.
 */
// expect: reject ctx_exit: the context is read-only (write at off 8)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "ctx-exit-write");

SIP_EXIT(ctx_exit)
{
	((volatile struct sip_init_ctx *)ctx)->params[1] = 0;	// <-- here
	return 0;
}
