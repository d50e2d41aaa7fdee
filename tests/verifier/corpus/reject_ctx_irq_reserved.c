// SPDX-License-Identifier: GPL-2.0
/*
 * irq->reserved is no field a driver may read: only irq and count are.
 */
// expect: reject ctx_irq: invalid context access (off 4, size 4) in an irq handler
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "ctx-irq-reserved");

SIP_IRQ(ctx_irq)
{
	return ((const volatile struct sip_irq_ctx *)irq)->reserved;	// <-- here
}
