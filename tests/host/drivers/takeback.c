// SPDX-License-Identifier: GPL-2.0
/*
 * An echo whose message's block (lent by the test) is taken back by its
 * lender in the middle of the run: the test's log callback revokes it when
 * this driver logs. The driver then asks the block's size and sends it
 * back; when that fails it frees it and reports the send's error in a
 * second echo, without a block. The helpers must treat the block as gone
 * (size 0, send -ENOENT, free a no-op), and the SIP must not stop.
 */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "takeback", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) },
	     .max_blocks = 64);

static const char note[] = "revoke now";

SIP_MSG(takeback_msg)
{
	void *b;
	long size, ret;

	if (msg->tag != SIP_PING)
		return 0;
	b = sip_msg_block(msg);
	if (!b)
		return 0;
	sip_log(note, sizeof(note) - 1);
	size = sip_block_size(b);
	ret = sip_send(msg->chan, SIP_ECHO, msg->args[0], size, b);
	if (ret) {
		sip_block_free(b);	/* still ours, says the verifier: gone, says the heap */
		sip_send(msg->chan, SIP_ECHO, msg->args[0], ret, 0);
	}
	return 0;
}
