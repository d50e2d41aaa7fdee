// SPDX-License-Identifier: GPL-2.0
/*
 * Regression: was refused with "r1 may have been sent (sip_send at insn 8): test
 * the result first" although the result is tested.
 *
 * Kernel style keeps errors in an int: "int err = sip_send(...); if (err)
 * sip_block_free(b);". clang -O2 (cpu v1) tests the int as "r1 = r0; r1
 * <<= 32; r1 >>= 32; if r1 == 0". The shifts make a new value, without the
 * send result's id, so the test decides nothing about the block and it
 * stays pending. But sip_send() returns a value in [-4095, 0], on which
 * truncation to 32 bits is one-to-one: the low word is 0 exactly when the
 * result is. Suggestion: keep a scalar's id through an lsh 32 / rsh 32 (or
 * arsh 32) pair, and through mov32, when its range shows the value is
 * unchanged by it (here: treat "zero-extended low half of a value in
 * [S32_MIN, U32_MAX]" as linked for == 0 / != 0 tests), or track the send
 * result's zero-ness through 32-bit views. Every driver written in kernel
 * style hits this.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "send-result-int");

SIP_MSG(int_msg)
{
	void *b = sip_msg_block(msg);
	int err;

	err = sip_send(msg->chan, msg->tag, 0, 0, b);
	if (err) {
		sip_block_free(b);
		return err;
	}
	return 0;
}
