// SPDX-License-Identifier: GPL-2.0
/*
 * Independent ifs inside a loop: each turn keeps what each if did, so the
 * paths through one turn (2^6) never merge and the loop does not converge
 * before the verifier's limit on state comparisons. The refusal names the
 * loop (its head and its back edge), not the join where the limit happened
 * to be reached, and says what to do.
 */
// expect: reject stats_msg: program too complex: 4194304 state comparisons (limit 4194304): the loop at reject_complex_loop_branches.c:24 (back edge at line 37) ran
// expect-also: without converging (
// expect-also: ; fewer independent ifs per turn, updates without branches (masks) or fewer turns let it converge
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "complex-loop-branches");

u64 stats[6];

SIP_MSG(stats_msg)
{
	u64 flags = msg->args[0];
	u64 first = 0, late = 0, odd = 0, mixed = 0, last = 0, total = 0;
	int i;

	for (i = 0; i < 64; i++) {	// <-- here
		u64 bits = (flags >> i) & 0xff;

		if (bits & 1)
			first = i;
		if (bits & 2)
			late = i * 3;
		if (bits & 4)
			odd = i + 7;
		if (bits & 8)
			mixed = first + late;
		if (bits & 16)
			last = odd ^ mixed;
		if (bits & 32)
			total = last + 1;
	}
	stats[0] = first;
	stats[1] = late;
	stats[2] = odd;
	stats[3] = mixed;
	stats[4] = last;
	stats[5] = total;
	return 0;
}
