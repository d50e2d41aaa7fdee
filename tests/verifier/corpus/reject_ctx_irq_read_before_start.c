// SPDX-License-Identifier: GPL-2.0
/*
 * The interrupt context read one byte before its start.
 */
// expect: reject ctx_irq: invalid context access (off -1, size 1) in an irq handler
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "ctx-irq-read-before-start");

SIP_IRQ(ctx_irq)
{
	return ((const volatile u8 *)irq)[-1];	// <-- here
}
