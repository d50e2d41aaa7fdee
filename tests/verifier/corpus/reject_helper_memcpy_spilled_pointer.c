// SPDX-License-Identifier: GPL-2.0
/*
 * A struct on the stack holding a pointer, copied into the block whole:
 * the copy would carry the pointer's value out of the SIP.
 */
// expect: reject leak_msg: pointer leak: sip_memcpy would read a spilled pointer
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "helper-memcpy-spilled-pointer");

struct cursor {
	u8 *at;
	u64 left;
};

SIP_MSG(leak_msg)
{
	volatile struct cursor c;
	u8 *b = sip_msg_block(msg);

	if (!b)
		return 0;
	c.at = b;
	c.left = 0;
	if (sip_block_size(b) >= sizeof(c))
		sip_memcpy(b, (void *)&c, sizeof(c));	// <-- here
	sip_block_free(b);
	return 0;
}
