// expect: accept
/* Transposes an 8x8 byte matrix at the start of the block into private data. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "transpose", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

static u8 m[8][8];

SIP_MSG(transpose_msg)
{
	u8 *b = sip_msg_block(msg);
	int r, c;
	long ret;

	if (!b)
		return 0;
	if (sip_block_size(b) >= 64) {
		for (r = 0; r < 8; r++)
			for (c = 0; c < 8; c++)
				m[c][r] = b[r * 8 + c];
		sip_memcpy(b, m, 64);
	}
	ret = sip_send(msg->chan, SIP_ECHO, msg->args[0], 0, b);
	if (ret)
		sip_block_free(b);
	return 0;
}
