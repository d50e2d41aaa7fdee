// SPDX-License-Identifier: GPL-2.0
/*
 * A log line formatted on the stack: a fixed prefix, a number turned into
 * hexadecimal digits by a constant-bound loop, then logged.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "log-stack");

SIP_MSG(log_msg)
{
	static const char hex[] = "0123456789abcdef";
	char line[24];
	u64 v = msg->args[0];
	int i;

	__builtin_memcpy(line, "value=0x", 8);
	for (i = 0; i < 16; i++)
		line[8 + i] = hex[(v >> (60 - 4 * i)) & 15];
	return sip_log(line, sizeof(line));
}
