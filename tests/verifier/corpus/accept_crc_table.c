// SPDX-License-Identifier: GPL-2.0
/*
 * CRC-8 of a 64-byte block through a 256-entry table in .rodata, indexed
 * by a byte (always in range).
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "crc-table");

static const u8 crc8_table[256] = {
#define R(x) ((x) & 0x80 ? ((x) << 1) ^ 0x07 : (x) << 1)
#define C(x) (u8)R(R(R(R(R(R(R(R(x))))))))
#define C4(x) C(x), C(x + 1), C(x + 2), C(x + 3)
#define C16(x) C4(x), C4(x + 4), C4(x + 8), C4(x + 12)
#define C64(x) C16(x), C16(x + 16), C16(x + 32), C16(x + 48)
	C64(0), C64(64), C64(128), C64(192),
};

SIP_MSG(crc_msg)
{
	u8 *b = sip_msg_block(msg);
	u8 crc = 0;

	if (!b)
		return -22;
	if (sip_block_size(b) < 64) {
		sip_block_free(b);
		return -22;
	}
	for (int i = 0; i < 64; i++)
		crc = crc8_table[crc ^ b[i]];
	sip_block_free(b);
	return crc;
}
