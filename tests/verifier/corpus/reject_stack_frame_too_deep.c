// SPDX-License-Identifier: GPL-2.0
/*
 * One byte more than a one-frame run may use: a 505-byte buffer takes 512
 * bytes of the frame (rounded up to 8), and the runtime's 8 bytes below
 * the frame make 520, more than a run's 512. accept_stack_edges.c uses
 * 504 bytes, the most.
 */
// expect: reject deep_msg: stack too deep: the handler uses 520 bytes (its stack plus 8 for the runtime); a run may use at most 512
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "stack-frame-too-deep");

SIP_MSG(deep_msg)
{
	char buf[505];
	volatile char *v = buf;

	__builtin_memset(buf, 'x', sizeof(buf));
	v[0] = 'a';	// <-- here
	sip_log(buf, sizeof(buf));
	return v[0];
}
