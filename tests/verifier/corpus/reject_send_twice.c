// SPDX-License-Identifier: GPL-2.0
/*
 * The same block sent to two channels: after the first send succeeds it
 * is the first receiver's.
 */
// expect: reject twice_msg: points to a block sent at insn
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "send-twice", .nr_channels = 2);

SIP_MSG(twice_msg)
{
	void *b = sip_msg_block(msg);
	long ret;

	if (!b)
		return 0;
	ret = sip_send(sip_chan(0), msg->tag, 0, 0, b);
	if (ret) {
		sip_block_free(b);
		return ret;
	}
	ret = sip_send(sip_chan(1), msg->tag, 0, 0, b);	// <-- here
	return ret;
}
