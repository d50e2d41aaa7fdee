// SPDX-License-Identifier: GPL-2.0
/*
 * An interrupt handler of a device: reads the status register, writes it
 * back to acknowledge, re-enables the interrupt and reports the event on
 * the driver's first channel.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "irq-device", .nr_channels = 1, .chans = { SIP_USES("events", PING) });

#define REG_STATUS 0x04
#define REG_ACK 0x08
#define REG_COUNT 0x10
#define EV_IRQ SIP_PING

SIP_IRQ(dev_irq)
{
	u64 status = sip_io_read(0, REG_STATUS, 4);
	u64 count;

	if (!status) {
		sip_irq_ack(0);
		return 0;
	}
	sip_io_write(0, REG_ACK, status, 4);
	count = sip_io_read(0, REG_COUNT, 8);
	sip_irq_ack(0);
	return sip_send(sip_chan(0), EV_IRQ, status, count + irq->count, NULL);
}
