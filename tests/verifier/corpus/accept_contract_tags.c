// SPDX-License-Identifier: GPL-2.0
/*
 * Sends a contract allows from the driver's side: HELLO on sip_chan(0) in
 * init and DONE on msg->chan; a handle passed to a function is still that
 * channel; a tag chosen at run time is left to the
 * run-time check. Whether the channel's state allows a message (HELLO
 * twice, DONE without a request) is the run time's too.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "contract-tags", .nr_channels = 2,
	     .chans = { SIP_SERVES("blk", BLOCK), SIP_USES("ping", PING) });

static __attribute__((noinline)) long ping(sip_chan_t c, u64 seq)
{
	return sip_send(c, SIP_PING, seq, 0, NULL);
}

SIP_INIT(tags_init)
{
	ping(sip_chan(1), 1);
	return sip_send(sip_chan(0), SIP_BLK_HELLO, 1 << 20, 512, NULL);
}

SIP_MSG(tags_msg)
{
	if (msg->tag == SIP_BLK_REQ)
		return sip_send(msg->chan, SIP_BLK_DONE, msg->args[0], 0, NULL);
	return sip_send(msg->chan, msg->args[1], msg->args[0], 0, NULL);
}
