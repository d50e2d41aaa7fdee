// SPDX-License-Identifier: GPL-2.0
/*
 * The result of a send with a block is overwritten by another send's
 * before it is tested: nothing can tell any more whether the block was
 * sent, so it can never be freed or kept, and the handler may not end
 * with it.
 */
// expect: reject over_msg: the result of sip_send at insn
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "send-result-overwritten", .nr_channels = 1,
	     .chans = { SIP_SERVES("ping", PING) });

SIP_MSG(over_msg)
{
	void *b = sip_block_alloc(64);
	long ret;

	if (!b)
		return -12;
	ret = sip_send(msg->chan, SIP_ECHO, 0, 0, b);
	ret = sip_send(msg->chan, SIP_ECHO, ret, 0, NULL);
	return ret;
}	// <-- here
