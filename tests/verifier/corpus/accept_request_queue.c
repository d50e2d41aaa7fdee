// SPDX-License-Identifier: GPL-2.0
/*
 * A request queue kept in slots: requests that arrive while the device is
 * busy are parked in one of four slots; a completion takes the oldest one
 * back and sends it on. Slots are chosen by constants in a switch.
 */
// expect: accept
#include <sipdrv/sip.h>

enum { NR_SLOTS = 4 };
enum { TAG_SUBMIT = 1, TAG_COMPLETE = 2, TAG_DONE = 3 };

SIP_MANIFEST(.name = "request-queue", .nr_slots = NR_SLOTS, .nr_channels = 1,
	     .chans = { SIP_SERVES("blk", BLOCK) });

static u32 head, count;

static void *slot_swap(u32 i, void *b)
{
	switch (i & (NR_SLOTS - 1)) {
	case 0:
		return sip_slot_xchg(0, b);
	case 1:
		return sip_slot_xchg(1, b);
	case 2:
		return sip_slot_xchg(2, b);
	default:
		return sip_slot_xchg(3, b);
	}
}

static long submit(struct sip_msg *msg)
{
	void *req = sip_msg_block(msg);
	void *old;

	if (!req)
		return -22;
	if (count == NR_SLOTS) {
		sip_block_free(req);
		return -16;
	}
	old = slot_swap(head + count, req);
	sip_block_free(old);		/* the slot was empty: NULL */
	count++;
	return 0;
}

static long complete(struct sip_msg *msg)
{
	void *req;
	long ret;

	if (!count)
		return -2;
	req = slot_swap(head, NULL);
	head = (head + 1) & (NR_SLOTS - 1);
	count--;
	ret = sip_send(sip_chan(0), TAG_DONE, msg->args[0], 0, req);
	if (ret)
		sip_block_free(req);
	return ret;
}

SIP_MSG(queue_msg)
{
	switch (msg->tag) {
	case TAG_SUBMIT:
		return submit(msg);
	case TAG_COMPLETE:
		return complete(msg);
	default:
		return -95;
	}
}

SIP_EXIT(queue_exit)
{
	sip_block_free(sip_slot_xchg(0, NULL));
	sip_block_free(sip_slot_xchg(1, NULL));
	sip_block_free(sip_slot_xchg(2, NULL));
	sip_block_free(sip_slot_xchg(3, NULL));
	return 0;
}
