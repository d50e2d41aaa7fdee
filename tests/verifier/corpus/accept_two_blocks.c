// SPDX-License-Identifier: GPL-2.0
/*
 * Two blocks owned at once: a request forwarded to the device channel and
 * a receipt returned to the sender; each is freed if its send fails, and
 * the first is freed if the second cannot be allocated.
 */
// expect: accept
#include <sipdrv/sip.h>

enum { CHAN_DEV, NR_CHANS };

SIP_MANIFEST(.name = "two-blocks", .nr_channels = NR_CHANS);

SIP_MSG(two_msg)
{
	u64 *req, *receipt;
	long ret, ret2;

	req = sip_block_alloc(32);
	if (!req)
		return -12;
	receipt = sip_block_alloc(16);
	if (!receipt) {
		sip_block_free(req);
		return -12;
	}
	req[0] = msg->args[0];
	req[3] = msg->args[1];
	receipt[0] = msg->args[0];
	receipt[1] = 1;
	ret = sip_send(sip_chan(CHAN_DEV), msg->tag, 0, 0, req);
	if (ret) {
		sip_block_free(req);
		receipt[1] = 0;
	}
	ret2 = sip_send(msg->chan, msg->tag + 1, ret, 0, receipt);
	if (ret2)
		sip_block_free(receipt);
	return ret ? ret : ret2;
}
