// SPDX-License-Identifier: GPL-2.0
/*
 * A fill whose length the message chooses (0 to 16 bytes), then a read
 * of byte 8: only the bytes every length writes count as written.
 */
// expect: reject fill_msg: read of uninitialised stack (off -8, size 1)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "helper-memset-short-fill");

SIP_MSG(fill_msg)
{
	u8 buf[16];

	sip_memset(buf, 0, msg->args[0] & 16);
	return buf[8];	// <-- here
}
