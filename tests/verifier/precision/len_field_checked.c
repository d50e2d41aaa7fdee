// expect: accept
/*
 * A ping relay's payload: a 4-byte length, then that many bytes. The length
 * is checked against the block's size before the payload is walked.
 */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "lenfield", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

SIP_MSG(lenfield_msg)
{
	u8 *b = sip_msg_block(msg);
	u64 size;
	u32 len, i;
	u64 sum = 0;
	long ret;

	if (!b)
		return 0;
	size = sip_block_size(b);
	if (size < 4)
		goto reply;
	len = *(u32 *)b;
	if (len > size - 4)
		goto reply;
	for (i = 0; i < len; i++)
		sum += b[4 + i];
reply:
	ret = sip_send(msg->chan, SIP_ECHO, msg->args[0], sum, b);
	if (ret)
		sip_block_free(b);
	return 0;
}
