// SPDX-License-Identifier: GPL-2.0
/* A driver that writes to a block after sending it: the verifier refuses it. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "use-after-send", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

SIP_MSG(bad_msg)
{
	char *b = sip_block_alloc(16);
	long r;

	if (!b)
		return -12;
	r = sip_send(msg->chan, SIP_ECHO, 0, 0, b);
	if (r) {
		sip_block_free(b);
		return r;
	}
	b[0] = 1;	/* USE-AFTER-SEND */
	return 0;
}
