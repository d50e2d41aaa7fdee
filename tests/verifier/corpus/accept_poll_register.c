// SPDX-License-Identifier: GPL-2.0
/*
 * Polling a device until it is ready: a loop with no bound the verifier can
 * see (the fuel budget stops it if the device never answers), then a DMA
 * descriptor written with a block's bus address.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "poll-register", .fuel = 100000);

#define REG_STATUS 0x00
#define REG_DMA_ADDR 0x08
#define REG_DMA_LEN 0x10
#define REG_DOORBELL 0x18
#define STATUS_READY 1

SIP_MSG(poll_msg)
{
	void *b = sip_msg_block(msg);
	u64 bus;

	if (!b)
		return -22;
	while (!(sip_io_read(0, REG_STATUS, 4) & STATUS_READY))
		;
	bus = sip_dma_addr(b);
	sip_io_write(0, REG_DMA_ADDR, bus, 8);
	sip_io_write(0, REG_DMA_LEN, sip_block_size(b), 4);
	sip_io_write(0, REG_DOORBELL, 1, 1);
	/* The device has read it: keep nothing. */
	sip_block_free(b);
	return 0;
}
