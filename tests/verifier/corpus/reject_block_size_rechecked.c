// SPDX-License-Identifier: GPL-2.0
/*
 * A block's size is not stable across helper calls: a lent block taken
 * back by its lender has size 0 from then on. After one checked
 * sip_block_size(b) >= 64, a second "if (sip_block_size(b) < 64)" can be
 * true at run time, so the code it guards is verified like any other. Here
 * it writes past the 64 bytes known to exist. Regression: the verifier gave
 * every call the same value as the first (at least 64) and never looked at
 * the branch.
 */
// expect: reject shrink_msg: write to exchange block out of bounds (off 100, size 1, block 64)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "block-size-rechecked");

SIP_MSG(shrink_msg)
{
	u8 *b = sip_msg_block(msg);

	if (!b)
		return -22;
	if (sip_block_size(b) < 64)
		goto drop;
	b[0] = 1;
	if (sip_block_size(b) < 64)
		b[100] = 2;	// <-- here
drop:
	sip_block_free(b);
	return 0;
}
