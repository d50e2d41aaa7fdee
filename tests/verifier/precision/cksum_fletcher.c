// expect: accept
/* Fletcher-16 of the block. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "fletcher", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

SIP_MSG(fletcher_msg)
{
	u8 *b = sip_msg_block(msg);
	u32 a = 0, c = 0;
	u64 i, len;
	long ret;

	if (!b)
		return 0;
	len = msg->block_size;
	for (i = 0; i < len; i++) {
		a = (a + b[i]) % 255;
		c = (c + a) % 255;
	}
	ret = sip_send(msg->chan, SIP_ECHO, msg->args[0], (c << 8) | a, b);
	if (ret)
		sip_block_free(b);
	return 0;
}
