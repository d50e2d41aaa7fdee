// SPDX-License-Identifier: GPL-2.0
/*
 * %p: there is no conversion that prints a pointer, whatever it points to.
 */
// expect: reject leak_msg: sip_printk: format: %p at byte 8: no pointer's value may leave the SIP
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "helper-printk-percent-p");

static u64 counter;

SIP_MSG(leak_msg)
{
	sip_printk("counter %p", &counter);	// <-- here
	return 0;
}
