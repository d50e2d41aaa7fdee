// expect: reject xorw_msg: read of exchange block out of bounds
/*
 * XOR of the block's 32-bit words, walked with a pointer to the end.
 *
 * Refused because end = b + size / 4 in u32 elements: the end pointer is
 * the size divided and scaled by 4, which keeps no relation with the
 * block's size.
 */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "xorw", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

SIP_MSG(xorw_msg)
{
	u32 *b = sip_msg_block(msg);
	u32 *p, *end;
	u32 x = 0;
	long ret;

	if (!b)
		return 0;
	end = b + sip_block_size(b) / 4;
	for (p = b; p < end; p++)
		x ^= *p;	// <-- here
	ret = sip_send(msg->chan, SIP_ECHO, msg->args[0], x, b);
	if (ret)
		sip_block_free(b);
	return 0;
}
