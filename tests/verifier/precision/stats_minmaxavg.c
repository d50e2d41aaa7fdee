// expect: reject minmax_msg: read of exchange block out of bounds
/*
 * Min, max and mean of the 32-bit samples in each block, logged.
 *
 * Refused because n = size / 4, then s[i] with i < n: a bound through a
 * division by the element's size.
 */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "minmax", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

SIP_MSG(minmax_msg)
{
	u32 *s = sip_msg_block(msg);
	u32 n, i, lo = ~0u, hi = 0;
	u64 sum = 0;
	long ret;

	if (!s)
		return 0;
	n = sip_block_size(s) / sizeof(u32);
	for (i = 0; i < n; i++) {
		if (s[i] < lo)	// <-- here
			lo = s[i];
		if (s[i] > hi)
			hi = s[i];
		sum += s[i];
	}
	if (n)
		sip_printk("%u samples: min %u max %u mean %llu", n, lo, hi, sum / n);
	ret = sip_send(msg->chan, SIP_ECHO, lo, hi, s);
	if (ret)
		sip_block_free(s);
	return 0;
}
