// SPDX-License-Identifier: GPL-2.0
/*
 * Exactly eight frames: the handler and a chain of seven functions, each
 * with its own stack buffer, the deepest call the verifier allows.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "call-depth-limit");

#define NOINLINE static __attribute__((noinline))

NOINLINE u64 f7(u64 x)
{
	volatile u64 buf[4] = { x, x + 1, x + 2, x + 3 };

	return buf[0] + buf[3];
}

#define LEVEL(n, next)					\
NOINLINE u64 f##n(u64 x)				\
{							\
	volatile u64 buf[2] = { x, n };			\
							\
	return next(buf[0] + buf[1]) + buf[1];		\
}

LEVEL(6, f7)
LEVEL(5, f6)
LEVEL(4, f5)
LEVEL(3, f4)
LEVEL(2, f3)
LEVEL(1, f2)

SIP_MSG(deep_msg)
{
	return f1(msg->args[0]) & 0xff;
}
