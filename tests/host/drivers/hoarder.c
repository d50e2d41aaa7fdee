// SPDX-License-Identifier: GPL-2.0
/* Keeps every block it is sent, within a quota of 3: the fourth cannot come. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "hoarder", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) },
	     .nr_slots = 8, .max_blocks = 3);

static u64 n;

SIP_MSG(hoarder_msg)
{
	void *b;

	if (msg->tag != SIP_PING)
		return 0;
	b = sip_msg_block(msg);
	sip_block_free(sip_slot_xchg(n & 7, b));
	n++;
	return sip_send(msg->chan, SIP_ECHO, msg->args[0], 0, NULL);
}
