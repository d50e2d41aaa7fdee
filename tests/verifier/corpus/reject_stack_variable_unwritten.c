// SPDX-License-Identifier: GPL-2.0
/*
 * A stack buffer filled at positions the message chooses, then read at
 * another: a byte written at a variable offset may be any of several, so
 * none of them counts as written, and the buffer was never initialised.
 */
// expect: reject peek_msg: read of uninitialised stack (off [-16, -1], size 1): writes at a variable offset
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "stack-variable-unwritten");

SIP_MSG(peek_msg)
{
	u8 buf[16];
	u64 i = msg->args[0] & 15, j = msg->args[1] & 15;

	buf[i] = 1;
	return buf[j];	// <-- here
}
