// SPDX-License-Identifier: GPL-2.0
/*
 * sip_log() given a pointer where the length goes (the arguments swapped
 * through a wrapper).
 */
// expect: reject log_msg: argument 2 of sip_log (the size, r2) must be a number
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "helper-size-not-number");

static char text[16];

SIP_MSG(log_msg)
{
	text[0] = msg->tag;
	return ((long (*)(u64, const void *))sip_log)(sizeof(text), text);	// <-- here
}
