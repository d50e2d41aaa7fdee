// SPDX-License-Identifier: GPL-2.0
/*
 * A device register read 3 bytes wide: widths are 1, 2, 4 or 8.
 */
// expect: reject io_irq: sip_io_read: width 3 must be 1, 2, 4 or 8
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "helper-io-width");

SIP_IRQ(io_irq)
{
	u64 status = sip_io_read(0, 0x10, 3);	// <-- here

	sip_irq_ack(0);
	return status != 0;
}
