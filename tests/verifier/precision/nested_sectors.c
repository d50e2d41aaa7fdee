// expect: reject zerosec_msg: read of exchange block out of bounds
/*
 * Per 512-byte sector of the block, counts the sectors that are all zero.
 *
 * Refused because s < size / 512, then b[s * 64 + w]: a bound through a
 * division and a scaling.
 */
#include <sipdrv/sip.h>

#define SECTOR 512

SIP_MANIFEST(.name = "zerosec", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

SIP_MSG(zerosec_msg)
{
	u64 *b = sip_msg_block(msg);
	u64 nsec, s, w, zero = 0;
	long ret;

	if (!b)
		return 0;
	nsec = sip_block_size(b) / SECTOR;
	for (s = 0; s < nsec; s++) {
		for (w = 0; w < SECTOR / 8; w++)
			if (b[s * (SECTOR / 8) + w])	// <-- here
				break;
		if (w == SECTOR / 8)
			zero++;
	}
	ret = sip_send(msg->chan, SIP_ECHO, nsec, zero, b);
	if (ret)
		sip_block_free(b);
	return 0;
}
