// expect: accept
/* A strlen of its own, used on a literal. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "strlen", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

static u64 my_strlen(const char *s)
{
	u64 n = 0;

	while (s[n] != '\0')
		n++;
	return n;
}

SIP_MSG(strlen_msg)
{
	static const char banner[] = "strlen driver: pong";
	void *b = sip_msg_block(msg);
	long ret;

	sip_log(banner, my_strlen(banner));
	ret = sip_send(msg->chan, SIP_ECHO, msg->args[0], 0, b);
	if (ret && b)
		sip_block_free(b);
	return 0;
}
