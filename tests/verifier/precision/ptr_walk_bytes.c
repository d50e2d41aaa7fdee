// expect: accept
/* Upper-cases an ASCII block in place, walking a pointer to its end. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "upper", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

SIP_MSG(upper_msg)
{
	char *b = sip_msg_block(msg);
	char *p, *end;
	long ret;

	if (!b)
		return 0;
	end = b + msg->block_size;
	for (p = b; p < end; p++)
		if (*p >= 'a' && *p <= 'z')
			*p -= 'a' - 'A';
	ret = sip_send(msg->chan, SIP_ECHO, msg->args[0], 0, b);
	if (ret)
		sip_block_free(b);
	return 0;
}
