// SPDX-License-Identifier: GPL-2.0
/*
 * Loops whose trip count depends on data: a population count, a gcd and a
 * Collatz walk. The verifier accepts them (the fuel counter ends them).
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "unbounded-loop");

SIP_MSG(loop_msg)
{
	u64 x = msg->args[0], a = msg->args[1], b = msg->args[2];
	u64 bits = 0, steps = 0;

	while (x) {
		x &= x - 1;
		bits++;
	}
	while (b) {
		u64 t = a % b;

		a = b;
		b = t;
	}
	x = msg->args[0] | 1;
	while (x != 1) {
		x = x & 1 ? 3 * x + 1 : x / 2;
		steps++;
	}
	return sip_send(msg->chan, msg->tag, bits + steps, a, NULL);
}
