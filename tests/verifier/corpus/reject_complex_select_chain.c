// SPDX-License-Identifier: GPL-2.0
/*
 * Two constants to choose from at each of 24 lines: clang computes every
 * choice first (the last one at the top of the function), then stores them
 * all. 2^24 paths that keep different constants in registers and spilled
 * stack slots never merge; the verifier explores a million instructions
 * along them. The refusal names the join after the first choice, where
 * most of them were explored.
 */
// expect: reject pick_msg: program too complex: 1048576 instructions explored (limit 1048576): the join at reject_complex_select_chain.c:24 kept 64 states of
// expect-also: of instructions explored, at
// expect-also: give these the same value on every path (set them before the branches), or compute them without branches (masks)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "complex-select-chain");

#define PICK(n) (mask & (1ull << (n)) ? (n) : 1000 + (n) * (n))

SIP_MSG(pick_msg)
{
	volatile u64 v[24];
	u64 mask = msg->args[0];

	v[0] = PICK(0);	// <-- here
	v[1] = PICK(1);
	v[2] = PICK(2);
	v[3] = PICK(3);
	v[4] = PICK(4);
	v[5] = PICK(5);
	v[6] = PICK(6);
	v[7] = PICK(7);
	v[8] = PICK(8);
	v[9] = PICK(9);
	v[10] = PICK(10);
	v[11] = PICK(11);
	v[12] = PICK(12);
	v[13] = PICK(13);
	v[14] = PICK(14);
	v[15] = PICK(15);
	v[16] = PICK(16);
	v[17] = PICK(17);
	v[18] = PICK(18);
	v[19] = PICK(19);
	v[20] = PICK(20);
	v[21] = PICK(21);
	v[22] = PICK(22);
	v[23] = PICK(23);
	return v[3] + v[17];
}
