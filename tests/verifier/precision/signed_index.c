// expect: reject lastnz_msg: read of exchange block out of bounds
/*
 * Walks the block backwards with a signed index to find its last non-zero
 * byte.
 *
 * Refused because i starts at (int)size - 1: the 32-bit truncation and sign
 * extension make a number with no relation to the block's size.
 */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "lastnz", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

SIP_MSG(lastnz_msg)
{
	u8 *b = sip_msg_block(msg);
	int i;
	long ret;

	if (!b)
		return 0;
	for (i = (int)sip_block_size(b) - 1; i >= 0; i--)
		if (b[i])	// <-- here
			break;
	ret = sip_send(msg->chan, SIP_ECHO, i + 1, 0, b);
	if (ret)
		sip_block_free(b);
	return 0;
}
