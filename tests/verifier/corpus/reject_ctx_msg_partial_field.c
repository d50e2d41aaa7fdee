// SPDX-License-Identifier: GPL-2.0
/*
 * A context field read from its middle: the high half of args[0] (offset
 * 12) is not the start of a field.
 */
// expect: reject ctx_msg: invalid context access (off 12, size 4) in a msg handler
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "ctx-msg-partial-field");

SIP_MSG(ctx_msg)
{
	const volatile u32 *words = (const volatile u32 *)msg;

	return words[3];	// <-- here
}
