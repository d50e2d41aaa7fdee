// SPDX-License-Identifier: GPL-2.0
/*
 * The message context read one byte before its start.
 */
// expect: reject ctx_msg: invalid context access (off -1, size 1) in a msg handler
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "ctx-msg-read-before-start");

SIP_MSG(ctx_msg)
{
	const volatile u8 *raw = (const volatile u8 *)msg;

	return raw[-1];	// <-- here
}
