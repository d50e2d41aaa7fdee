// SPDX-License-Identifier: GPL-2.0
/*
 * A block driver that aborts in the middle of serving a read, then writes
 * a pattern into the read's buffer (lent to it: the reader's own memory).
 * No code of a driver may run after its fault, in any engine: the reader
 * gets an error and its buffer never holds the pattern.
 */
#include <sipdrv/sip.h>

#define PATTERN 0x5afe5afe5afe5afeull

SIP_MANIFEST(.name = "abortblk", .dev_class = SIP_CLASS_BLOCK,
	     .nr_channels = 1, .chans = { SIP_SERVES("blk", BLOCK) });

SIP_INIT(abortblk_init)
{
	return sip_send(sip_chan(0), SIP_BLK_HELLO, 1 << 20, 512 | 4ull << 32, NULL);
}

SIP_MSG(abortblk_msg)
{
	u64 *b = sip_msg_block(msg);

	if (!b)
		return 0;
	if (sip_block_size(b) < 8) {
		sip_block_free(b);
		return 0;
	}
	sip_abort(-5);
	b[0] = PATTERN;		/* must never run */
	sip_block_free(b);
	return 0;
}
