// SPDX-License-Identifier: GPL-2.0
/*
 * sip_log() of a stack buffer only half written: the other half would
 * leak whatever an earlier handler left on the stack.
 */
// expect: reject log_msg: sip_log reads uninitialised stack
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "helper-log-uninit-stack");

SIP_MSG(log_msg)
{
	char line[32];

	__builtin_memcpy(line, "tag ", 4);
	line[4] = '0' + (msg->tag & 7);
	return sip_log(line, sizeof(line));	// <-- here
}
