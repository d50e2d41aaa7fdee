// SPDX-License-Identifier: GPL-2.0
/*
 * The echo driver: every message goes back on the channel it came from,
 * with the block it carried; a failed send frees the block.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "echo");

static u64 nr_echoed;

SIP_MSG(echo_msg)
{
	void *block = sip_msg_block(msg);
	long ret;

	ret = sip_send(msg->chan, msg->tag, msg->args[0], nr_echoed, block);
	if (ret) {
		sip_block_free(block);
		return ret;
	}
	nr_echoed++;
	return 0;
}
