// expect: reject cols_msg: read of exchange block out of bounds
/*
 * The block is an image of rows of cols bytes (args); sums each column into
 * a global. The check divides: "rows * cols > size" would let a large rows
 * wrap past it.
 *
 * Refused because r < rows <= size / cols, then b[r * cols + c]: a bound
 * through a division and a product of two variables.
 */
#include <sipdrv/sip.h>

#define MAX_COLS 64

SIP_MANIFEST(.name = "cols", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

static u64 colsum[MAX_COLS];

SIP_MSG(cols_msg)
{
	u8 *b = sip_msg_block(msg);
	u64 rows = msg->args[0], cols = msg->args[1], r, c;
	long ret;

	if (!b)
		return 0;
	if (!cols || cols > MAX_COLS || rows > sip_block_size(b) / cols)
		goto out;
	for (r = 0; r < rows; r++)
		for (c = 0; c < cols; c++)
			colsum[c] += b[r * cols + c];	// <-- here
out:
	ret = sip_send(msg->chan, SIP_ECHO, colsum[0], 0, b);
	if (ret)
		sip_block_free(b);
	return 0;
}
