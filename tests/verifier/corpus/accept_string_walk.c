// SPDX-License-Identifier: GPL-2.0
/*
 * A log line assembled from string literals: a fixed prefix and a word
 * chosen by the message's tag, each copied byte by byte until its NUL.
 * The verifier reads read-only data as the constants they are.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "string-walk");

#define LINE 32

static u32 put_str(char *dst, u32 pos, const char *s)
{
	while (*s && pos < LINE)
		dst[pos++] = *s++;
	return pos;
}

SIP_MSG(walk_msg)
{
	char line[LINE] = "";
	const char *what;
	u32 n;

	switch (msg->tag) {
	case 1:
		what = "read request";
		break;
	case 2:
		what = "write request";
		break;
	case 3:
		what = "flush";
		break;
	default:
		what = "unknown message";
		break;
	}
	n = put_str(line, 0, "got ");
	n = put_str(line, n, what);
	return sip_log(line, n);
}
