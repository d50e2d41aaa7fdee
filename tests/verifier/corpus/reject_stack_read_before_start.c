// SPDX-License-Identifier: GPL-2.0
/*
 * The stack, read one byte below its bottom: a local function looks for a
 * header just before the buffer it is given, but the buffer starts at
 * r10-504, and 9 bytes before it is r10-513, outside the 512-byte stack.
 */
// expect: reject stack_msg: stack access out of bounds (off -513, size 1): the stack is 512 bytes
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "stack-read-before-start");

static __attribute__((noinline)) int header_of(const char *payload)
{
	return payload[-9];	// <-- here
}

SIP_MSG(stack_msg)
{
	char buf[504];

	__builtin_memset(buf, 0, sizeof(buf));
	sip_log(buf, sizeof(buf));
	return header_of(buf);
}
