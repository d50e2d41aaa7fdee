// SPDX-License-Identifier: GPL-2.0
/*
 * echo: the server end of the ping contract. Every PING comes back as an
 * ECHO with the same arguments and the same block: the block's ownership
 * makes the round trip, its bytes are never copied.
 */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "echo", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) },
	     .max_blocks = 64);

SIP_MSG(echo_msg)
{
	void *b;
	long ret;

	if (msg->tag != SIP_PING)
		return 0;		/* tag 0: the peer closed */
	b = sip_msg_block(msg);
	ret = sip_send(msg->chan, SIP_ECHO, msg->args[0], msg->args[1], b);
	if (ret && b)
		sip_block_free(b);	/* the reply could not go: do not keep the block */
	return 0;
}
