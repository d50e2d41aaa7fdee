// expect: accept
/* Parses a decimal number written as text at the start of the block. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "atoi", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

SIP_MSG(atoi_msg)
{
	char *b = sip_msg_block(msg);
	u64 v = 0, i, n;
	long ret;

	if (!b)
		return 0;
	n = sip_block_size(b);
	for (i = 0; i < n && i < 20; i++) {
		if (b[i] < '0' || b[i] > '9')
			break;
		v = v * 10 + (b[i] - '0');
	}
	ret = sip_send(msg->chan, SIP_ECHO, v, i, b);
	if (ret)
		sip_block_free(b);
	return 0;
}
