// expect: accept
/* Sums a ping's block 8 bytes at a time, then the tail byte by byte. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "step8", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

SIP_MSG(step8_msg)
{
	u8 *b = sip_msg_block(msg);
	u64 len, i, sum = 0;
	long ret;

	if (!b)
		return 0;
	len = sip_block_size(b);
	for (i = 0; i + 8 <= len; i += 8)
		sum += *(u64 *)(b + i);
	for (; i < len; i++)
		sum += b[i];
	ret = sip_send(msg->chan, SIP_ECHO, msg->args[0], sum, b);
	if (ret)
		sip_block_free(b);
	return 0;
}
