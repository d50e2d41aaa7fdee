// SPDX-License-Identifier: GPL-2.0
/*
 * Two conversions, one argument (the helper called through a pointer of
 * another type, out of the compiler's sight): the second would print
 * whatever r3 last held.
 */
// expect: reject short_msg: sip_printk: the format's conversion 2 (%u) prints r3, which is not set
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "helper-printk-arg-unset");

typedef long (*printk1_t)(const char *fmt, u64 a0);

SIP_MSG(short_msg)
{
	return ((printk1_t)(sip_printk))("%u of %u", msg->tag);	// <-- here
}
