// expect: accept
/* A 64-bit value as 16 hex digits in a global line buffer, with a prefix. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "hex", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

static const char hexdigits[] = "0123456789abcdef";
static char line[32];

SIP_MSG(hex_msg)
{
	u64 v = msg->args[0];
	void *b = sip_msg_block(msg);
	int i;
	long ret;

	line[0] = 'v';
	line[1] = '=';
	for (i = 0; i < 16; i++)
		line[2 + i] = hexdigits[(v >> (60 - 4 * i)) & 0xf];
	sip_log(line, 18);
	ret = sip_send(msg->chan, SIP_ECHO, msg->args[0], 0, b);
	if (ret && b)
		sip_block_free(b);
	return 0;
}
