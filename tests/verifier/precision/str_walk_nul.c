// expect: accept
/* The length of a greeting literal found by walking to its NUL, then logged. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "greet", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

static const char greeting[] = "hello from the greet driver";

SIP_INIT(greet_init)
{
	const char *p = greeting;

	while (*p)
		p++;
	sip_log(greeting, p - greeting);
	return 0;
}

SIP_MSG(greet_msg)
{
	void *b = sip_msg_block(msg);
	long ret;

	ret = sip_send(msg->chan, SIP_ECHO, msg->args[0], 0, b);
	if (ret && b)
		sip_block_free(b);
	return 0;
}
