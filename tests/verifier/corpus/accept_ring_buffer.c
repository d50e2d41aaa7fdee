// SPDX-License-Identifier: GPL-2.0
/*
 * A ring buffer of 64 entries in private data: producers (messages) and a
 * consumer (the interrupt) index it with head and tail masked by the size.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "ring-buffer", .nr_channels = 1);

#define RING_SIZE 64

struct entry {
	u64 tag;
	u64 arg;
};

static struct entry ring[RING_SIZE];
static u32 head, tail;

SIP_MSG(ring_msg)
{
	struct entry *e;

	if (head - tail >= RING_SIZE)
		return -11;
	e = &ring[head % RING_SIZE];
	e->tag = msg->tag;
	e->arg = msg->args[0];
	head++;
	return 0;
}

SIP_IRQ(ring_irq)
{
	long ret = 0;

	while (tail != head && !ret) {
		struct entry *e = &ring[tail % RING_SIZE];

		ret = sip_send(sip_chan(0), e->tag, e->arg, irq->count, NULL);
		if (!ret)
			tail++;
	}
	sip_irq_ack(0);
	return ret;
}
