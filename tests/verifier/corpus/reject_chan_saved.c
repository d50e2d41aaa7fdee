// SPDX-License-Identifier: GPL-2.0
/*
 * A channel handle saved in private data to reply later: handles are not
 * numbers and cannot be stored outside the stack (use sip_chan() to get a
 * manifest channel's handle again).
 */
// expect: reject chan_msg: pointer leak: storing a pointer (r1: chan) into private data
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "chan-saved");

static sip_chan_t reply_to;

SIP_MSG(chan_msg)
{
	reply_to = msg->chan;	// <-- here
	return 0;
}

SIP_IRQ(chan_irq)
{
	sip_irq_ack(0);
	return reply_to;
}
