// SPDX-License-Identifier: GPL-2.0
/*
 * An Internet-style checksum over a whole block of known size (256 bytes):
 * loops with a constant bound fill it and sum it with 16-bit loads; the
 * checksum goes with the block as the message's argument.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "checksum-block");

#define PKT_SIZE 256

SIP_MSG(csum_msg)
{
	u16 *w = sip_block_alloc(PKT_SIZE);
	u64 sum = 0;
	long ret;
	int i;

	if (!w)
		return -12;
	for (i = 0; i < PKT_SIZE / 2; i++)
		w[i] = msg->args[0] + i;
	for (i = 0; i < PKT_SIZE / 2; i++)
		sum += w[i];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	ret = sip_send(msg->chan, msg->tag, ~sum & 0xffff, 0, w);
	if (ret)
		sip_block_free(w);
	return ret;
}
