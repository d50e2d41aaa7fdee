// SPDX-License-Identifier: GPL-2.0
/*
 * A scan of the message's block for the end of its first line: the loop
 * is bounded by the block's size and leaves early on a newline.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "scan-line");

static u64 line_bytes;

SIP_MSG(scan_msg)
{
	u8 *b = sip_msg_block(msg);
	u64 n, i;

	if (!b)
		return -22;
	n = sip_block_size(b);
	for (i = 0; i < n; i++) {
		if (b[i] == '\n')
			break;
		line_bytes += b[i];
	}
	sip_block_free(b);
	return i;
}
