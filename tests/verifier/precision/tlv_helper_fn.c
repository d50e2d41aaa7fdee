// expect: accept
/* A record parser in a helper function taking (buf, len), returning the records' count. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "tlvfn", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

static int count_records(const u8 *buf, u64 len)
{
	u64 off = 0;
	int n = 0;

	while (off + 2 <= len) {
		u64 l = buf[off + 1];

		if (off + 2 + l > len)
			return -1;	/* truncated */
		n++;
		off += 2 + l;
	}
	return n;
}

SIP_MSG(tlvfn_msg)
{
	u8 *b = sip_msg_block(msg);
	int n;
	long ret;

	if (!b)
		return 0;
	n = count_records(b, sip_block_size(b));
	ret = sip_send(msg->chan, SIP_ECHO, msg->args[0], n, b);
	if (ret)
		sip_block_free(b);
	return 0;
}
