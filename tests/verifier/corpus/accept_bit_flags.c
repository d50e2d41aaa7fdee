// SPDX-License-Identifier: GPL-2.0
/*
 * Feature flags tested bit by bit (jset), combined, and used to choose
 * between three replies; 32-bit arithmetic on message fields. Each reply
 * is a tag the driver may send on one of its two channels (tags 1 and 3
 * of the block contract, tag 2 of the ping contract), and msg->chan may
 * be either.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "bit-flags", .nr_channels = 2,
	     .chans = { SIP_SERVES("blk", BLOCK), SIP_SERVES("ping", PING) });

#define F_ACK 0x1
#define F_SYNC 0x4
#define F_URGENT 0x100

static u32 features = F_ACK | F_SYNC;

SIP_MSG(flags_msg)
{
	u32 f = (u32)msg->args[0] & features;
	u32 reply;

	if (f & F_URGENT)
		reply = 3;
	else if ((f & (F_ACK | F_SYNC)) == (F_ACK | F_SYNC))
		reply = 2;
	else if (f & F_ACK)
		reply = 1;
	else
		return 0;
	features ^= (u32)msg->args[1] << 8;
	return sip_send(msg->chan, reply, f, (u32)(msg->tag * 3 + 1), NULL);
}
