// SPDX-License-Identifier: GPL-2.0
/*
 * A stack buffer indexed by a bound that lets the index reach its length:
 * the write may be one byte past the frame (off by one).
 */
// expect: reject fill_msg: stack access out of bounds (off [-16, 0], size 1)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "stack-variable-past-end");

SIP_MSG(fill_msg)
{
	u8 buf[16] = { 0 };
	u64 i = msg->args[0];

	if (i > 16)
		return -22;
	buf[i] = 1;	// <-- here
	return sip_log(buf, sizeof(buf));
}
