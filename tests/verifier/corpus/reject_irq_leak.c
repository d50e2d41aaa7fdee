// SPDX-License-Identifier: GPL-2.0
/*
 * An interrupt handler that allocates a buffer for the device's data and
 * forgets it when the device has nothing to say.
 */
// expect: reject rx_irq: block leak: the block from insn
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "irq-leak", .nr_channels = 1, .chans = { SIP_USES("rx", PING) });

SIP_IRQ(rx_irq)
{
	u64 *buf = sip_block_alloc(64);
	u64 len;
	long ret;

	if (!buf)
		return -12;
	len = sip_io_read(0, 0x20, 4);
	sip_irq_ack(0);
	if (!len)
		return 0;
	buf[0] = len;
	ret = sip_send(sip_chan(0), SIP_PING, len, 0, buf);
	if (ret)
		sip_block_free(buf);
	return ret;
}	// <-- here
