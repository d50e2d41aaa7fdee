// SPDX-License-Identifier: GPL-2.0
/*
 * The channel handle is read whole or not at all: a 2-byte read of chan
 * would forge half a handle.
 */
// expect: reject ctx_msg: invalid context access (off 0, size 2) in a msg handler
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "ctx-msg-chan-narrow");

SIP_MSG(ctx_msg)
{
	const volatile u16 *halves = (const volatile u16 *)msg;

	return halves[0];	// <-- here
}
