// SPDX-License-Identifier: GPL-2.0
/*
 * The length of the rest of a string from a position the message chooses,
 * by a function that walks any string: the walk stops at the string's NUL
 * whatever the start, so it never reads past the literal.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "string-walk-offset");

static const char greeting[] = "hello, world";

static __attribute__((noinline)) u64 str_len(const char *s)
{
	u64 n = 0;

	while (s[n])
		n++;
	return n;
}

SIP_MSG(rest_msg)
{
	return str_len(greeting + (msg->args[0] & 7));
}
