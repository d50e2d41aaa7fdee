// expect: reject tlvptr_msg: pointer offset out of range
/*
 * Records walked with a pointer until the end of the block.
 *
 * Refused because "p + 2 <= end" moves p before comparing: with p widened
 * up to the largest block's end (1 GiB), p + 2 leaves the range a block
 * pointer may hold.
 */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "tlvptr", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

SIP_MSG(tlvptr_msg)
{
	u8 *b = sip_msg_block(msg);
	u8 *p, *end;
	u64 records = 0;
	long ret;

	if (!b)
		return 0;
	p = b;
	end = b + sip_block_size(b);
	while (p + 2 <= end) {	// <-- here
		u8 len = p[1];

		if (p + 2 + len > end)
			break;
		records++;
		p += 2 + len;
	}
	ret = sip_send(msg->chan, SIP_ECHO, msg->args[0], records, b);
	if (ret)
		sip_block_free(b);
	return 0;
}
