// SPDX-License-Identifier: GPL-2.0
/*
 * sip_irq_ack() belongs to interrupt handlers; a message handler may not
 * re-enable an interrupt.
 */
// expect: reject ack_msg: sip_irq_ack is not allowed in a msg handler
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "helper-irq-ack-in-msg");

SIP_MSG(ack_msg)
{
	return sip_irq_ack(0);	// <-- here
}
