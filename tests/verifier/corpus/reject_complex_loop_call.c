// SPDX-License-Identifier: GPL-2.0
/*
 * The independent ifs of a loop's turn moved into a function: the values
 * they set live on in the caller's struct, so the paths still do not
 * merge. The explosion is at the function's joins, but the refusal names
 * the caller's loop, whose turns bring them, and its share includes the
 * function's.
 */
// expect: reject stats_msg: program too complex: 4194304 state comparisons (limit 4194304): the loop at reject_complex_loop_call.c:45 (back edge at line 44) ran
// expect-also: without converging (
// expect-also: ; fewer independent ifs per turn, updates without branches (masks) or fewer turns let it converge
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "complex-loop-call");

u64 stats[6];

struct acc {
	u64 first, late, odd, mixed, last, total;
};

static __attribute__((noinline)) int turn(struct acc *a, u64 bits, int i)
{
	if (bits & 1)
		a->first = i;
	if (bits & 2)
		a->late = i * 3;
	if (bits & 4)
		a->odd = i + 7;
	if (bits & 8)
		a->mixed = a->first + a->late;
	if (bits & 16)
		a->last = a->odd ^ a->mixed;
	if (bits & 32)
		a->total = a->last + 1;
	return 0;
}

SIP_MSG(stats_msg)
{
	struct acc a = {};
	int i;

	for (i = 0; i < 64; i++)
		turn(&a, (msg->args[0] >> i) & 0xff, i);	// <-- here
	stats[0] = a.first;
	stats[1] = a.late;
	stats[2] = a.odd;
	stats[3] = a.mixed;
	stats[4] = a.last;
	stats[5] = a.total;
	return 0;
}
