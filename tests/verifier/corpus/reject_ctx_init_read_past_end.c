// SPDX-License-Identifier: GPL-2.0
/*
 * The init context holds SIP_MAX_PARAMS (8) parameters: reading a ninth
 * is one byte (and more) past its end.
 */
// expect: reject ctx_init: invalid context access (off 64, size 8) in an init handler
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "ctx-init-read-past-end");

static u64 sum;

SIP_INIT(ctx_init)
{
	u64 i = ctx->params[0];

	if (i > SIP_MAX_PARAMS)
		return -22;
	sum = ((const volatile u64 *)ctx)[SIP_MAX_PARAMS];	// <-- here
	return 0;
}
