// expect: accept
/* Counts the zero bytes of a ping's block, bounded by msg->block_size. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "zeros", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

SIP_MSG(zeros_msg)
{
	u8 *b = sip_msg_block(msg);
	u64 zeros = 0;
	u32 i;
	long ret;

	if (!b)
		return 0;
	for (i = 0; i < msg->block_size; i++)
		if (b[i] == 0)
			zeros++;
	ret = sip_send(msg->chan, SIP_ECHO, msg->args[0], zeros, b);
	if (ret)
		sip_block_free(b);
	return 0;
}
