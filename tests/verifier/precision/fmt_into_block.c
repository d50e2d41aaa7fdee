// expect: accept
/* Answers a ping with its counter written as decimal text into the block. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "dectext", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

static u64 count;

SIP_MSG(dectext_msg)
{
	char *b = sip_msg_block(msg);
	char digits[20];
	int n = 0, i;
	u64 v;
	long ret;

	if (!b)
		return 0;
	v = ++count;
	while (v) {
		digits[n++] = '0' + v % 10;
		v /= 10;
	}
	if (sip_block_size(b) >= 20)
		for (i = 0; i < n; i++)
			b[i] = digits[n - 1 - i];
	ret = sip_send(msg->chan, SIP_ECHO, n, 0, b);
	if (ret)
		sip_block_free(b);
	return 0;
}
