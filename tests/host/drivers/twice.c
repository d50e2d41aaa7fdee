// SPDX-License-Identifier: GPL-2.0
/*
 * An echo that asks for its message's block twice: the second time there
 * is none (NULL: taken), under every engine (the JIT inlines the take);
 * if there were, it would stop itself and the pings would fail.
 */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "twice", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) },
	     .max_blocks = 64);

SIP_MSG(twice_msg)
{
	void *b, *again;
	long ret;

	if (msg->tag != SIP_PING)
		return 0;
	b = sip_msg_block(msg);
	again = sip_msg_block(msg);
	if (again) {
		sip_block_free(again);
		if (b)
			sip_block_free(b);
		sip_abort(1);
		return 0;
	}
	ret = sip_send(msg->chan, SIP_ECHO, msg->args[0], msg->args[1], b);
	if (ret && b)
		sip_block_free(b);
	return 0;
}
