// SPDX-License-Identifier: GPL-2.0
/*
 * Granted memory read into, and written from, memory the verifier proves:
 * a record of the stack (not written before: the load fills it, zeroes when
 * the offset is outside the grant), private data, and the message's block
 * once its size is checked.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "helper-grant-copies", .nr_channels = 1,
	     .chans = { SIP_SERVES("ping", PING) });

struct record {
	u64 seq;
	u32 crc;
	u32 flags;
};

static struct record last;

SIP_INIT(grant_init)
{
	return sip_grant(1 << 20);
}

SIP_MSG(grant_msg)
{
	struct record r;
	u8 *b = sip_msg_block(msg);
	u64 slot = (msg->args[0] & 1023) * sizeof(r);
	long ret;

	sip_grant_load(slot, &r, sizeof(r));
	r.seq++;
	sip_grant_store(slot, &r, sizeof(r));
	sip_grant_load(slot, &last, sizeof(last));
	if (b && sip_block_size(b) >= sizeof(r))
		sip_grant_store(slot, b, sizeof(r));
	if (!b)
		return 0;
	ret = sip_send(msg->chan, SIP_ECHO, r.seq, 0, b);
	if (ret)
		sip_block_free(b);
	return 0;
}
