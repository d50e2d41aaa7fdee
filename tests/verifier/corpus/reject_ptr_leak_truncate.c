// SPDX-License-Identifier: GPL-2.0
/*
 * The low 32 bits of a pointer logged as a "handle": 32-bit operations on
 * pointers are refused.
 */
// expect: reject leak_msg: pointer leak: storing a pointer (r1: data) into private data
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "ptr-leak-truncate");

static u32 handles[4];

SIP_MSG(leak_msg)
{
	handles[msg->tag & 3] = (u32)(unsigned long)&handles[1];	// <-- here
	return sip_log(handles, sizeof(handles));
}
