// SPDX-License-Identifier: GPL-2.0
/*
 * sip_crc32 against known vectors (zlib's crc32() of the same bytes): init
 * returns -N at the first vector N that does not match, so that loading it
 * is the test, with the kernel's crc32_le in the guest and the runtime's
 * table in user space. Each vector is checked from read-only data, and
 * again from the stack and private data after a copy.
 */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "crcvec");

static const char digits[9] = "123456789";
static const char fox[43] = "The quick brown fox jumps over the lazy dog";
static u8 zeroes[32];
static u8 ones[32];

SIP_INIT(crcvec_init)
{
	char copy[sizeof(fox)];

	if (sip_crc32(0, digits, sizeof(digits)) != 0xcbf43926)
		return -1;
	if (sip_crc32(0, digits, 0) != 0 || sip_crc32(0x12345678, digits, 0) != 0x12345678)
		return -2;
	if (sip_crc32(0, fox, sizeof(fox)) != 0x414fa339)
		return -3;
	/* Going on from the CRC of what came before. */
	if (sip_crc32(sip_crc32(0, digits, 4), digits + 4, 5) != 0xcbf43926)
		return -4;
	if (sip_crc32(0, zeroes, sizeof(zeroes)) != 0x190a55ad)
		return -5;
	sip_memset(ones, 0xff, sizeof(ones));
	if (sip_crc32(0, ones, sizeof(ones)) != 0xff6cab0b)
		return -6;
	sip_memcpy(copy, fox, sizeof(fox));
	if (sip_crc32(0, copy, sizeof(copy)) != 0x414fa339)
		return -7;
	return 0;
}
