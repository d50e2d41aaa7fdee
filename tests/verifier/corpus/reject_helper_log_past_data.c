// SPDX-License-Identifier: GPL-2.0
/*
 * sip_log() of a private buffer with a length bounded by the wrong
 * constant: one byte more than the buffer holds.
 */
// expect: reject log_msg: read of private data out of bounds (off 0, size 65, size 64)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "helper-log-past-data");

static char text[64];

SIP_MSG(log_msg)
{
	u64 len = msg->args[0];

	text[0] = msg->tag;
	if (len > sizeof(text) + 1)
		len = sizeof(text) + 1;
	return sip_log(text, len);	// <-- here
}
