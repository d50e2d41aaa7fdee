// SPDX-License-Identifier: GPL-2.0
/*
 * Nine nested frames (the handler and a chain of eight functions): one
 * more than the eight frames a SIP's stack may hold.
 */
// expect: reject deep_msg: too many nested calls (limit 8 frames)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "call-depth");

#define NOINLINE static __attribute__((noinline))

NOINLINE u64 f8(u64 x)
{
	return x * 3 + 1;
}

NOINLINE u64 f7(u64 x)
{
	return f8(x + 1) + 7;	// <-- here
}

NOINLINE u64 f6(u64 x)
{
	return f7(x + 1) + 6;
}

NOINLINE u64 f5(u64 x)
{
	return f6(x + 1) + 5;
}

NOINLINE u64 f4(u64 x)
{
	return f5(x + 1) + 4;
}

NOINLINE u64 f3(u64 x)
{
	return f4(x + 1) + 3;
}

NOINLINE u64 f2(u64 x)
{
	return f3(x + 1) + 2;
}

NOINLINE u64 f1(u64 x)
{
	return f2(x + 1) + 1;
}

SIP_MSG(deep_msg)
{
	return f1(msg->args[0]);
}
