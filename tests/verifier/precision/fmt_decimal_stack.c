// expect: accept
/* Formats a counter in decimal into a stack buffer and logs it with sip_log. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "dec", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

static u64 pings;

SIP_MSG(dec_msg)
{
	char buf[20];
	u64 v = ++pings;
	int pos = sizeof(buf);
	void *b = sip_msg_block(msg);
	long ret;

	do {
		buf[--pos] = '0' + v % 10;
		v /= 10;
	} while (v);
	sip_log(buf + pos, sizeof(buf) - pos);
	ret = sip_send(msg->chan, SIP_ECHO, msg->args[0], 0, b);
	if (ret && b)
		sip_block_free(b);
	return 0;
}
