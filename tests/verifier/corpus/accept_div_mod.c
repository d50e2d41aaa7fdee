// SPDX-License-Identifier: GPL-2.0
/*
 * Division and modulo by constants and by values from the message
 * (division by zero is defined in the ISA: no check needed); a table entry
 * is picked with a power-of-two modulo (clang expands other moduli into
 * x - x / n * n, whose range the verifier does not follow).
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "div-mod");

#define NR 32

static u64 buckets[NR];

SIP_MSG(div_msg)
{
	u64 a = msg->args[0], b = msg->args[1];
	u64 q = a / b, r = a % b;
	u64 i = (q + r) % NR;

	buckets[i] += a / 10;
	buckets[(a / 7) % NR] += (u32)a / 3;
	return sip_send(msg->chan, msg->tag, q, r, NULL);
}
