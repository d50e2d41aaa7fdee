// SPDX-License-Identifier: GPL-2.0
/*
 * A filter between two channels: blocks arriving on any channel are
 * forwarded to channel 1 when large enough, dropped otherwise. Ownership
 * moves from the message to the handler to the peer.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "forward-block", .nr_channels = 2);

static u64 nr_dropped, nr_forwarded;

SIP_MSG(fwd_msg)
{
	void *b = sip_msg_block(msg);
	long ret;

	if (!b)
		return sip_send(sip_chan(1), msg->tag, msg->args[0], 0, NULL);
	if (sip_block_size(b) < 16) {
		nr_dropped++;
		sip_block_free(b);
		return 0;
	}
	ret = sip_send(sip_chan(1), msg->tag, msg->args[0], msg->args[1], b);
	if (ret) {
		nr_dropped++;
		sip_block_free(b);
		return ret;
	}
	nr_forwarded++;
	return 0;
}

SIP_EXIT(fwd_exit)
{
	return (nr_dropped + nr_forwarded) != 0;
}
