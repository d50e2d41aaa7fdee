// expect: accept
/* Hex of a 32-bit value into a stack buffer, skipping leading zeros. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "hexs", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

SIP_MSG(hexs_msg)
{
	char buf[8];
	u32 v = msg->tag ^ (u32)msg->args[0];
	int n = 0;
	void *b = sip_msg_block(msg);
	long ret;

	do {
		u32 d = v & 0xf;

		buf[7 - n] = d < 10 ? '0' + d : 'a' + d - 10;
		n++;
		v >>= 4;
	} while (v && n < 8);
	sip_log(buf + 8 - n, n);
	ret = sip_send(msg->chan, SIP_ECHO, msg->args[0], n, b);
	if (ret && b)
		sip_block_free(b);
	return 0;
}
