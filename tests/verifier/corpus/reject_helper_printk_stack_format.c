// SPDX-License-Identifier: GPL-2.0
/*
 * A format built on the stack: the verifier can check only a constant
 * format of the read-only data.
 */
// expect: reject fmt_msg: argument 1 of sip_printk (r1: stack) must be a constant string in read-only data (a string literal)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "helper-printk-stack-format");

SIP_MSG(fmt_msg)
{
	char fmt[8] = "tag %u";

	fmt[5] = msg->args[0] & 1 ? 'x' : 'u';
	sip_printk(fmt, msg->tag);	// <-- here
	return 0;
}
