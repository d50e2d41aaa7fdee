// SPDX-License-Identifier: GPL-2.0
/*
 * A handler whose frame is the largest a SIP may have (504 bytes: with the
 * rewriter's 8-byte slot, the 512 of SIP_STACK_SIZE and of the kernel's
 * MAX_BPF_STACK). The JIT engine hands the kernel a program of exactly that
 * stack depth; one byte more is refused by the verifier, never passed on
 * (where the kernel would index its interpreter table out of bounds).
 * Init fills the frame and reads it back: 0 when every byte held.
 */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "bigframe");

SIP_INIT(bigframe_init)
{
	volatile u8 buf[504];
	u32 i, sum = 0;

	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (u8)i;
	for (i = 0; i < sizeof(buf); i++)
		sum += buf[i];
	return sum == 63268 ? 0 : -1;	/* 0..255, then 0..247 */
}
