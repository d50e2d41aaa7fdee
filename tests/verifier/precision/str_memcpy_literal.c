// expect: accept
/* Puts a literal at the start of the reply with sip_memcpy after a size check. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "strmemcpy", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

static const char text[] = "sipdrv says hi";

SIP_MSG(strmemcpy_msg)
{
	char *b = sip_msg_block(msg);
	long ret;

	if (!b)
		return 0;
	if (sip_block_size(b) >= sizeof(text))
		sip_memcpy(b, text, sizeof(text));
	ret = sip_send(msg->chan, SIP_ECHO, msg->args[0], 0, b);
	if (ret)
		sip_block_free(b);
	return 0;
}
