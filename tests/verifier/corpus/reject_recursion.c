// SPDX-License-Identifier: GPL-2.0
/*
 * A recursive function: its stack use has no bound the verifier can see,
 * so recursion is refused outright.
 */
// expect: reject rec_msg: recursive call of the function at insn
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "recursion");

static __attribute__((noinline)) u64 fib(u64 n)
{
	if (n < 2)
		return n;
	return fib(n - 1) + fib(n - 2);	// <-- here
}

SIP_MSG(rec_msg)
{
	return fib(msg->args[0] & 15);
}
