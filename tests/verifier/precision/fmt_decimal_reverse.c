// expect: accept
/* Digits written least significant first into a buffer, then reversed in place. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "rev", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

static int utoa(u64 v, char *out)
{
	int n = 0, i;
	char t;

	do {
		out[n++] = '0' + v % 10;
		v /= 10;
	} while (v);
	for (i = 0; i < n / 2; i++) {
		t = out[i];
		out[i] = out[n - 1 - i];
		out[n - 1 - i] = t;
	}
	return n;
}

SIP_MSG(rev_msg)
{
	char buf[24];
	int n;
	void *b = sip_msg_block(msg);
	long ret;

	n = utoa(msg->args[0], buf);
	sip_log(buf, n);
	ret = sip_send(msg->chan, SIP_ECHO, msg->args[0], n, b);
	if (ret && b)
		sip_block_free(b);
	return 0;
}
