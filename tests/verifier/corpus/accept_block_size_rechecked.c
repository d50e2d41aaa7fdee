// SPDX-License-Identifier: GPL-2.0
/*
 * Sizes checked more than once: the bytes a check proved to exist stay
 * usable for the whole run (the runtime keeps a block's memory until the
 * handler returns, even if the block is taken back), and a later, larger
 * check proves more of them, through the newest sip_block_size() result.
 * A second small check is not needed, and where it is made both of its
 * branches are verified.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "block-size-rechecked");

SIP_MSG(recheck_msg)
{
	u8 *b = sip_msg_block(msg);
	u64 n;
	int ret = 0;

	if (!b)
		return -22;
	if (sip_block_size(b) < 64)
		goto drop;
	b[63] = 1;
	if (sip_block_size(b) < 64)
		ret = -5;	/* taken back meanwhile: b[0..63] are still there */
	b[0] = 2;
	n = sip_block_size(b);
	if (n >= 128)
		b[127] = b[63];
drop:
	sip_block_free(b);
	return ret;
}
