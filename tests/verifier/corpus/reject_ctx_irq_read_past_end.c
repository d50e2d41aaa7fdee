// SPDX-License-Identifier: GPL-2.0
/*
 * The interrupt context is 16 bytes: a read at offset 16 is past its end.
 */
// expect: reject ctx_irq: invalid context access (off 16, size 1) in an irq handler
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "ctx-irq-read-past-end");

SIP_IRQ(ctx_irq)
{
	return irq->count + ((const volatile u8 *)irq)[sizeof(*irq)];	// <-- here
}
