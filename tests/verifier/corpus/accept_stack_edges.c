// SPDX-License-Identifier: GPL-2.0
/*
 * One buffer as large as clang lets a BPF frame be (504 bytes: from r10-504
 * to r10-1), written from the first to the last byte, read at both ends and
 * logged in full. The assembly corpus covers r10-512 itself.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "stack-edges");

SIP_MSG(stack_msg)
{
	char buf[504];
	volatile char *v = buf;

	__builtin_memset(buf, 'x', sizeof(buf));
	v[0] = 'a';
	v[sizeof(buf) - 1] = '\n';
	sip_log(buf, sizeof(buf));
	return v[0] + v[sizeof(buf) - 1];
}
