// SPDX-License-Identifier: GPL-2.0
/*
 * The call chain of reject_stack_chain_too_deep.c with 8 bytes less in
 * f2: 136 + 200 + 176 bytes, each frame's stack plus the runtime's 8
 * below it, is exactly the 512 bytes a run may use.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "stack-chain-limit");

#define NOINLINE static __attribute__((noinline))

NOINLINE u64 f2(u64 x)
{
	char buf[168];

	__builtin_memset(buf, (char)x, sizeof(buf));
	sip_log(buf, sizeof(buf));
	return x + 2;
}

NOINLINE u64 f1(u64 x)
{
	char buf[192];

	__builtin_memset(buf, (char)x, sizeof(buf));
	sip_log(buf, sizeof(buf));
	return f2(x + 1);
}

SIP_MSG(chain_msg)
{
	char buf[128];
	u64 r;

	__builtin_memset(buf, (char)msg->args[0], sizeof(buf));
	r = f1(msg->args[0]);
	sip_log(buf, sizeof(buf));
	return r & 0xff;
}
