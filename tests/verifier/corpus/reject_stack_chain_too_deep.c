// SPDX-License-Identifier: GPL-2.0
/*
 * A call chain whose frames each fit, but not together: the handler, f1
 * and f2 each keep a buffer on the stack (128, 192 and 176 bytes), and
 * with the runtime's 8 bytes below every frame the chain needs 520 bytes,
 * more than the 512 a whole run may use (the JIT runs every frame on one
 * kernel stack). Refused at the call that makes the chain too deep.
 * Regression: each frame could use 512 bytes, 4 KiB for eight frames.
 */
// expect: reject chain_msg: uses 520 bytes (each frame's stack plus 8 for the runtime); a run may use at most 512
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "stack-chain-too-deep");

#define NOINLINE static __attribute__((noinline))

NOINLINE u64 f2(u64 x)
{
	char buf[176];

	__builtin_memset(buf, (char)x, sizeof(buf));
	sip_log(buf, sizeof(buf));
	return x + 2;
}

NOINLINE u64 f1(u64 x)
{
	char buf[192];

	__builtin_memset(buf, (char)x, sizeof(buf));
	sip_log(buf, sizeof(buf));
	return f2(x + 1);	// <-- here
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
