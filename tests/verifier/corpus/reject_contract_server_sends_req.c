// SPDX-License-Identifier: GPL-2.0
/*
 * A block driver (the server of the block contract) sending REQ, which
 * only the client sends: a contract violation known before the driver
 * runs, refused by the verifier with the contract's name. Regression: it
 * was accepted and only faulted when it ran.
 */
// expect: reject req_msg: sip_send: tag 2 (BLK_REQ) is not a message the server may send on channel 0 (contract sipdrv.block)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "contract-server-sends-req", .nr_channels = 1,
	     .chans = { SIP_SERVES("blk", BLOCK) });

SIP_MSG(req_msg)
{
	return sip_send(msg->chan, SIP_BLK_REQ, 0, 4096, NULL);	// <-- here
}
