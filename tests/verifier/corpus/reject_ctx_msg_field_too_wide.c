// SPDX-License-Identifier: GPL-2.0
/*
 * tag is 4 bytes: reading 8 bytes at its offset would also read the low
 * half of args[0] as if it were part of the tag.
 */
// expect: reject ctx_msg: invalid context access (off 4, size 8) in a msg handler
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "ctx-msg-field-too-wide");

SIP_MSG(ctx_msg)
{
	const volatile u64 *tag_and_more = (const volatile u64 *)((const char *)msg + 4);

	return *tag_and_more;	// <-- here
}
