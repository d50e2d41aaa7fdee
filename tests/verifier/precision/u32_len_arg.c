// expect: accept
/* Increments the first n bytes of the block, n a 32-bit length from the message. */
#include <sipdrv/sip.h>

#define EINVAL 22

SIP_MANIFEST(.name = "incr", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

SIP_MSG(incr_msg)
{
	u8 *b = sip_msg_block(msg);
	u32 n = msg->args[1], i;
	long status = 0, ret;

	if (!b)
		return 0;
	if (n > msg->block_size)
		status = -EINVAL;
	else
		for (i = 0; i < n; i++)
			b[i]++;
	ret = sip_send(msg->chan, SIP_ECHO, status, n, b);
	if (ret)
		sip_block_free(b);
	return 0;
}
