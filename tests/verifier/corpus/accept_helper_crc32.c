// SPDX-License-Identifier: GPL-2.0
/*
 * A sector checked against the CRC-32 stored after it, once the block is
 * known to hold both; the CRC is a 32-bit number, so its top four bits
 * index a 16-entry table without a bound check.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "helper-crc32", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

#define SECTOR 512

static u64 by_top_bits[16];

SIP_MSG(crc_msg)
{
	u8 *b = sip_msg_block(msg);
	u32 crc;
	long bad = 0, ret;

	if (!b)
		return 0;
	if (sip_block_size(b) >= SECTOR + 4) {
		crc = sip_crc32(0, b, SECTOR);
		bad = crc != *(u32 *)(b + SECTOR);
		by_top_bits[crc >> 28]++;
	}
	ret = sip_send(msg->chan, SIP_ECHO, msg->args[0], bad, b);
	if (ret)
		sip_block_free(b);
	return 0;
}
