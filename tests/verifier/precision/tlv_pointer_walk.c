// expect: accept
/*
 * Records walked with a pointer until the end of the block.
 *
 * "p + 2 <= end" moves p before comparing: with p widened up to the
 * largest block's end (1 GiB), p + 2 is past it, within the range a
 * pointer's offset may have (twice a block's size).
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
	while (p + 2 <= end) {
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
