// SPDX-License-Identifier: GPL-2.0
/*
 * hello: the smallest complete SIP. It greets the kernel log when it starts,
 * keeps one exchange-heap block in a slot for its whole life (the way a
 * driver keeps state that outlives one event), and echoes every message back
 * on the channel it came from, with the block it carried.
 */
#include <sipdrv/sip.h>

#define ENOMEM 12

enum {
	HELLO_SLOT,		/* the block kept from init to exit */
	HELLO_NR_SLOTS
};

#define HELLO_BLOCK_SIZE 64

SIP_MANIFEST(.name = "hello", .nr_slots = HELLO_NR_SLOTS, .fuel = 10000);

static const char greeting[] = "hello from a SIP";
static u64 nr_echoed;		/* private memory: lives as long as the SIP */

SIP_INIT(hello_init)
{
	void *block;

	sip_log(greeting, sizeof(greeting) - 1);
	block = sip_block_alloc(HELLO_BLOCK_SIZE);
	if (!block)
		return -ENOMEM;
	/* The slot is empty at start: what comes back is NULL, freed for form. */
	sip_block_free(sip_slot_xchg(HELLO_SLOT, block));
	return 0;
}

SIP_MSG(hello_msg)
{
	void *block = sip_msg_block(msg);
	long ret;

	/* Same tag and first argument; the second says how many came before. */
	ret = sip_send(msg->chan, msg->tag, msg->args[0], nr_echoed, block);
	if (ret) {
		sip_block_free(block);	/* not sent: the block is still ours */
		return ret;
	}
	nr_echoed++;
	return 0;
}

SIP_EXIT(hello_exit)
{
	/* Take the kept block out of its slot and give it back. */
	sip_block_free(sip_slot_xchg(HELLO_SLOT, NULL));
	return 0;
}
