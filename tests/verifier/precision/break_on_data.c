// expect: accept
/* Finds the first newline of a text block: the loop stops at it. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "firstline", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

SIP_MSG(firstline_msg)
{
	char *b = sip_msg_block(msg);
	u64 n, i;
	long ret;

	if (!b)
		return 0;
	n = msg->block_size;
	for (i = 0; i < n; i++) {
		if (b[i] == '\n')
			break;
	}
	ret = sip_send(msg->chan, SIP_ECHO, msg->args[0], i, b);
	if (ret)
		sip_block_free(b);
	return 0;
}
