// SPDX-License-Identifier: GPL-2.0
/*
 * The stack, written one byte past its top: a buffer that ends at r10, and
 * a store just after it, at r10+0.
 */
// expect: reject stack_msg: stack access out of bounds (off 0, size 1): the stack is 512 bytes
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "stack-write-past-end");

SIP_MSG(stack_msg)
{
	char buf[504];
	volatile char *end = buf + sizeof(buf);

	__builtin_memset(buf, 0, sizeof(buf));
	*end = 1;	// <-- here
	sip_log(buf, sizeof(buf));
	return 0;
}
