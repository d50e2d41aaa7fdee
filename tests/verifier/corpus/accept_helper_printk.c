// SPDX-License-Identifier: GPL-2.0
/*
 * Formatted log lines: string literals with numbers of every width, a name
 * picked from a table of strings by the message's tag (a %s whose offset
 * varies within the table), the channel a message came on, and a format
 * kept in a constant array.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "helper-printk");

static const char ops[4][8] = { "read", "write", "flush", "other" };
static const char summary[] = "%s: %llu requests, %llu bytes";
static u64 requests, bytes;

SIP_INIT(printk_init)
{
	sip_printk("starting with %llu MiB (%#x)", ctx->params[0], (u32)ctx->params[1]);
	return 0;
}

SIP_MSG(printk_msg)
{
	u32 op = msg->tag < 4 ? msg->tag : 3;

	requests++;
	bytes += msg->args[2];
	sip_printk("%-5s %8llu bytes at %llx on chan %u", ops[op], msg->args[2], msg->args[1],
		   msg->chan);
	if (!(requests & 1023))
		sip_printk(summary, ops[op], requests, bytes);
	return 0;
}
