// expect: reject latency_msg: read of private data out of bounds
/*
 * A latency histogram by powers of two in microseconds, printed every 256
 * pings.
 *
 * Refused because clang walks buckets[] with a pointer moved by 8 and a
 * counter moved by 1; pointer = 8 * i is not a difference, and widening
 * loses the pointer's bound.
 */
#include <sipdrv/sip.h>

#define NR_BUCKETS 20

SIP_MANIFEST(.name = "latency", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

static u64 buckets[NR_BUCKETS];
static u64 last_ns, pings;

SIP_MSG(latency_msg)
{
	u64 now = sip_time_ns();
	u64 us = (now - last_ns) / 1000;
	void *b = sip_msg_block(msg);
	int k = 0, i;
	long ret;

	last_ns = now;
	while (us > 1 && k < NR_BUCKETS - 1) {
		us /= 2;
		k++;
	}
	buckets[k]++;
	if (++pings % 256 == 0)
		for (i = 0; i < NR_BUCKETS; i++)
			if (buckets[i])	// <-- here
				sip_printk("%d us: %llu", 1 << i, buckets[i]);
	ret = sip_send(msg->chan, SIP_ECHO, msg->args[0], k, b);
	if (ret && b)
		sip_block_free(b);
	return 0;
}
