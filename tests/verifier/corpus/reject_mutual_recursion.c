// SPDX-License-Identifier: GPL-2.0
/*
 * Two functions that call each other (a recursive-descent parser's
 * shape): recursion through any number of calls is refused.
 */
// expect: reject parse_msg: recursive call: the function at insn
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "mutual-recursion");

static __attribute__((noinline)) int parse_list(u64 tok, int depth);

static __attribute__((noinline)) int parse_item(u64 tok, int depth)
{
	if ((tok & 3) == 1)
		return parse_list(tok >> 2, depth + 1);
	return depth;
}

static __attribute__((noinline)) int parse_list(u64 tok, int depth)
{
	int d = 0;

	while (tok) {
		d += parse_item(tok, depth);	// <-- here
		tok >>= 4;
	}
	return d;
}

SIP_MSG(parse_msg)
{
	return parse_list(msg->args[0], 0);
}
