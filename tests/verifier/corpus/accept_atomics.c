// SPDX-License-Identifier: GPL-2.0
/*
 * Atomic counters in private data, updated from the message and interrupt
 * handlers: __sync_fetch_and_add() on 64-bit words at fixed offsets
 * (clang's default BPF target has the atomic add, its result unused).
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "atomics");

static struct {
	u64 nr_msgs;
	u64 bytes;
	u64 nr_irqs;
	u64 irq_mask;
} stats;

SIP_MSG(atomic_msg)
{
	__sync_fetch_and_add(&stats.nr_msgs, 1);
	__sync_fetch_and_add(&stats.bytes, msg->block_size);
	return sip_send(msg->chan, msg->tag, stats.nr_msgs, stats.bytes, NULL);
}

SIP_IRQ(atomic_irq)
{
	__sync_fetch_and_add(&stats.nr_irqs, irq->count);
	__sync_fetch_and_add(&stats.irq_mask, 1ull << (irq->irq & 63));
	sip_irq_ack(0);
	return 0;
}
