// expect: reject lines_msg: program too complex
/*
 * Splits a text block into lines and keeps the length of the longest one.
 *
 * Refused because two data-dependent updates per byte (the longest line,
 * the next line's start = i + 1) in a loop over the block: the paths do
 * not merge.
 */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "lines", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

static u64 longest;

SIP_MSG(lines_msg)
{
	char *b = sip_msg_block(msg);
	u64 size, start = 0, i, lines = 0;
	long ret;

	if (!b)
		return 0;
	size = sip_block_size(b);
	for (i = 0; i < size; i++) {
		if (b[i] != '\n')
			continue;
		if (i - start > longest)
			longest = i - start;
		lines++;
		start = i + 1;
	}
	ret = sip_send(msg->chan, SIP_ECHO, lines, longest, b);
	if (ret)
		sip_block_free(b);
	return 0;
}
