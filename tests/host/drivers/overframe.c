// SPDX-License-Identifier: GPL-2.0
/*
 * bigframe (see there) with a frame 4 bytes larger: 508 bytes, 512 once
 * rounded, 520 with the rewriter's slot. The verifier refuses it: the JIT
 * never sees a stack deeper than the kernel's MAX_BPF_STACK.
 */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "overframe");

SIP_INIT(overframe_init)
{
	volatile u8 buf[508];
	u32 i, sum = 0;

	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (u8)i;
	for (i = 0; i < sizeof(buf); i++)
		sum += buf[i];
	return sum ? 0 : -1;
}
