// expect: reject nibbles_msg: stack access out of bounds
/*
 * Counts byte values of a block into a stack array of 16 nibble counters,
 * then reports the most common.
 *
 * Refused because counts[best] on the stack: best's range is kept but the
 * offset's 4-byte alignment is not ([-12, -3]), so the last counter seems
 * to run past the frame.
 */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "nibbles", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

SIP_MSG(nibbles_msg)
{
	u8 *b = sip_msg_block(msg);
	u32 counts[16] = {};
	u32 i, best = 0;
	u64 n;
	long ret;

	if (!b)
		return 0;
	n = sip_block_size(b);
	for (i = 0; i < n; i++)
		counts[b[i] & 15]++;
	for (i = 1; i < 16; i++)
		if (counts[i] > counts[best])	// <-- here
			best = i;
	ret = sip_send(msg->chan, SIP_ECHO, best, counts[best], b);
	if (ret)
		sip_block_free(b);
	return 0;
}
