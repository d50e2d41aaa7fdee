// SPDX-License-Identifier: GPL-2.0
/*
 * The init context read one byte before its start.
 */
// expect: reject ctx_init: invalid context access (off -1, size 1) in an init handler
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "ctx-init-read-before-start");

SIP_INIT(ctx_init)
{
	return ((const volatile u8 *)ctx)[-1];	// <-- here
}
