// SPDX-License-Identifier: GPL-2.0
/*
 * The CRC of as many bytes as the message says (up to 4095), over a block
 * checked for 512: the length needs its own check against the size.
 */
// expect: reject crc_msg: read of exchange block out of bounds (off 0, size 4095, block 512)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "helper-crc32-past-block");

SIP_MSG(crc_msg)
{
	u8 *b = sip_msg_block(msg);
	u32 crc = 0;

	if (!b)
		return 0;
	if (sip_block_size(b) >= 512)
		crc = sip_crc32(0, b, msg->args[2] & 4095);	// <-- here
	sip_block_free(b);
	return crc & 1;
}
