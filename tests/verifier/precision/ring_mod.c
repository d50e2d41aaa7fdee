// expect: reject ringmod_msg: pointer arithmetic with an unbounded value
/*
 * Keeps the last 16 ping arguments in a ring, the index advanced modulo
 * its size.
 *
 * Refused because head is a global: private data keeps no invariant between
 * runs, so head read back is any u32, though every store keeps it below
 * 16.
 */
#include <sipdrv/sip.h>

#define RING 16

SIP_MANIFEST(.name = "ringmod", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

static u64 ring[RING];
static u32 head;

SIP_MSG(ringmod_msg)
{
	void *b = sip_msg_block(msg);
	u64 oldest;
	long ret;

	ring[head] = msg->args[0];	// <-- here
	head = (head + 1) % RING;
	oldest = ring[head];
	ret = sip_send(msg->chan, SIP_ECHO, oldest, head, b);
	if (ret && b)
		sip_block_free(b);
	return 0;
}
