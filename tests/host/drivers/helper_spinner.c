// SPDX-License-Identifier: GPL-2.0
/*
 * Never finishes a message, each turn of its loop cheap but checksumming
 * 64 KiB: the helpers' work is charged to the run's fuel, which stops it
 * after 64 turns at the default fuel instead of 400 000 (26 GB of CRC).
 */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "helper-spinner", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

static u8 buf[65536];
static volatile u64 turns;

SIP_MSG(helper_spinner_msg)
{
	u32 crc = 0;

	while (msg->tag) {
		crc = sip_crc32(crc, buf, sizeof(buf));
		turns++;
	}
	return crc;
}
