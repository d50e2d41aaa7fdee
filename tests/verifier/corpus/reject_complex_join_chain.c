// SPDX-License-Identifier: GPL-2.0
/*
 * A long chain of diamonds that leave different values in a local array:
 * every branch doubles the paths, and the states at each join differ in
 * the stack slots the earlier branches wrote, so none covers another. The
 * refusal names the join that compared the most states, says which stack
 * slots the paths differ in, and how to make them agree.
 */
// expect: reject pick_msg: program too complex: 4194304 state comparisons (limit 4194304): the join at reject_complex_join_chain.c:53 kept 64 states of
// expect-also: they differ in
// expect-also: the stack slots
// expect-also: give these the same value on every path (set them before the branches), or compute them without branches (masks)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "complex-join-chain");

#define PICK(n)					\
	do {					\
		if (mask & (1ull << (n)))	\
			v[n] = n;		\
		else				\
			v[n] = msg->args[1];	\
	} while (0)

SIP_MSG(pick_msg)
{
	volatile u64 v[24];
	u64 mask = msg->args[0];

	PICK(0);
	PICK(1);
	PICK(2);
	PICK(3);
	PICK(4);
	PICK(5);
	PICK(6);
	PICK(7);
	PICK(8);
	PICK(9);
	PICK(10);
	PICK(11);
	PICK(12);
	PICK(13);
	PICK(14);
	PICK(15);
	PICK(16);
	PICK(17);
	PICK(18);
	PICK(19);
	PICK(20);
	PICK(21);
	PICK(22);
	PICK(23);	// <-- here
	return v[3] + v[17];
}
