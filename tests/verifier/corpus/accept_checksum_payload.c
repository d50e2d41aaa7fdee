// SPDX-License-Identifier: GPL-2.0
/*
 * An Internet-style checksum over the 248-byte payload of a 256-byte block:
 * clang ends the loop with an equality test on the byte offset ("r1 ==
 * 248"), which must not let the widened offset run past the payload.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "checksum-payload");

#define PKT_SIZE 256
#define PAYLOAD 248

struct pkt {
	u16 words[PAYLOAD / 2];
	u64 csum;
};

SIP_MSG(csum_msg)
{
	struct pkt *p = sip_block_alloc(sizeof(struct pkt));
	u64 sum = 0;
	long ret;
	int i;

	if (!p)
		return -12;
	for (i = 0; i < PAYLOAD / 2; i++)
		p->words[i] = msg->args[0] + i;
	for (i = 0; i < PAYLOAD / 2; i++)
		sum += p->words[i];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	p->csum = ~sum & 0xffff;
	ret = sip_send(msg->chan, msg->tag, p->csum, 0, p);
	if (ret)
		sip_block_free(p);
	return ret;
}
