// SPDX-License-Identifier: GPL-2.0
/*
 * Read-only strings passed to sip_log(), chosen by the message's tag from
 * a table of messages.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "log-rodata");

static const char hello[] = "driver starting";
static const char bye[] = "driver stopping";
static const char unknown[] = "unknown tag";
static const char tag_names[4][8] = { "open", "read", "write", "close" };

SIP_INIT(log_init)
{
	return sip_log(hello, sizeof(hello) - 1);
}

SIP_MSG(log_msg)
{
	if (msg->tag < 4)
		return sip_log(tag_names[msg->tag], sizeof(tag_names[0]));
	return sip_log(unknown, sizeof(unknown) - 1);
}

SIP_EXIT(log_exit)
{
	return sip_log(bye, sizeof(bye) - 1);
}
