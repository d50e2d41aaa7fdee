// SPDX-License-Identifier: GPL-2.0
/*
 * An echo that answers with a new block: it frees its message's block and
 * allocates another of the same size, which the heap's free list hands out
 * at the same address. Sending it must send the new block (the runtime
 * first tries the message's own handle, which is stale by then).
 */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "renew", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) },
	     .max_blocks = 64);

SIP_MSG(renew_msg)
{
	u64 *n;
	void *b;
	long ret;

	if (msg->tag != SIP_PING)
		return 0;
	b = sip_msg_block(msg);
	if (!b)
		return 0;
	sip_block_free(b);
	n = sip_block_alloc(64);
	if (!n)
		return 0;
	n[0] = 0x7765696e6572;	/* "reniew" */
	ret = sip_send(msg->chan, SIP_ECHO, msg->args[0], msg->args[1], n);
	if (ret)
		sip_block_free(n);
	return 0;
}
