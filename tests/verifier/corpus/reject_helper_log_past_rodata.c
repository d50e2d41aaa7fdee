// SPDX-License-Identifier: GPL-2.0
/*
 * sip_log() of a string constant with the length of another message: more
 * bytes than .rodata holds (the string is the driver's only constant).
 */
// expect: reject log_init: read of read-only data out of bounds (off 0, size 29, size 3)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "helper-log-past-rodata");

#define LONG_MSG "the device is up and running"

static const char short_msg[] = "up";

SIP_INIT(log_init)
{
	return sip_log(short_msg, sizeof(LONG_MSG));	// <-- here
}
