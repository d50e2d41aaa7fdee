// expect: accept
/* Reads "key=value" from the block: the key into a stack buffer, the value as a number. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "kv", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

static u64 timeout, depth;

SIP_MSG(kv_msg)
{
	char *b = sip_msg_block(msg);
	char key[16];
	u64 size, i, k = 0, v = 0;
	long ret;

	if (!b)
		return 0;
	size = sip_block_size(b);
	for (i = 0; i < size && b[i] != '='; i++)
		if (k < sizeof(key) - 1)
			key[k++] = b[i];
	key[k] = '\0';
	for (i++; i < size && b[i] >= '0' && b[i] <= '9'; i++)
		v = v * 10 + b[i] - '0';
	if (k == 7 && key[0] == 't')
		timeout = v;
	else if (k == 5 && key[0] == 'd')
		depth = v;
	ret = sip_send(msg->chan, SIP_ECHO, k, v, b);
	if (ret)
		sip_block_free(b);
	return 0;
}
