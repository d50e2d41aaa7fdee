// SPDX-License-Identifier: GPL-2.0
/*
 * A block driver that keeps each request's block in a slot and, at the
 * next request, takes the old one out and writes into it: with a lent read
 * buffer, that is the page of a request that has ended. The lender must
 * have taken it back (the slot gives nothing). Parameter answer: 0 never
 * answers (the request times out), 1 answers at once without the block.
 */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "thiefblk", .dev_class = SIP_CLASS_BLOCK,
	     .nr_channels = 1, .chans = { SIP_SERVES("blk", BLOCK) }, .nr_slots = 1,
	     .nr_params = 1, .params = { { .name = "answer", .def = 0, .max = 1 } });

static u64 answer, seen;

SIP_INIT(thiefblk_init)
{
	answer = ctx->params[0];
	return sip_send(sip_chan(0), SIP_BLK_HELLO, 1 << 20, 512 | 4ull << 32, NULL);
}

SIP_MSG(thiefblk_msg)
{
	static const char gone[] = "the block of an ended request is gone";
	static const char got[] = "wrote into the block of an ended request";
	void *old;
	u8 *p;

	if (msg->tag != SIP_BLK_REQ)
		return 0;
	old = sip_slot_xchg(0, sip_msg_block(msg));
	if (!old) {
		if (seen)
			sip_log(gone, sizeof(gone) - 1);
	} else {
		p = old;
		if (sip_block_size(old) >= 8)
			*(volatile u64 *)p = 0x6665656866656568ull;
		sip_log(got, sizeof(got) - 1);
		sip_block_free(old);
	}
	seen++;
	if (answer)
		return sip_send(msg->chan, SIP_BLK_DONE, msg->args[0], 0, NULL);
	return 0;
}
