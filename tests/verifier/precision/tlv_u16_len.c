// expect: accept
/* Records with a 16-bit little-endian length after a type byte. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "tlv16", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

static u64 by_type[8];

SIP_MSG(tlv16_msg)
{
	u8 *b = sip_msg_block(msg);
	u32 size, off = 0, len;
	long ret;

	if (!b)
		return 0;
	size = msg->block_size;
	while (off + 3 <= size) {
		len = b[off + 1] | (b[off + 2] << 8);
		if (len > size - off - 3)
			break;
		by_type[b[off] & 7] += len;
		off += 3 + len;
	}
	ret = sip_send(msg->chan, SIP_ECHO, off, 0, b);
	if (ret)
		sip_block_free(b);
	return 0;
}
