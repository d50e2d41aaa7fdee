// SPDX-License-Identifier: GPL-2.0
/*
 * The interrupt context is read-only: a handler that clears the count it
 * has handled is refused.
 */
// expect: reject ctx_irq: the context is read-only (write at off 8)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "ctx-irq-write");

SIP_IRQ(ctx_irq)
{
	u64 n = irq->count;

	((volatile struct sip_irq_ctx *)irq)->count = 0;	// <-- here
	return n;
}
