// expect: accept
/*
 * Binary search of a sorted table of thresholds. (lo and hi are unsigned:
 * clang has no signed division for BPF.)
 */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "bsearch", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

static const u32 limits[12] = { 1, 4, 16, 64, 256, 1024, 4096, 16384, 65536,
				262144, 1048576, 4194304 };
static u64 counts[13];

SIP_MSG(bsearch_msg)
{
	u32 v = msg->args[2];
	u32 lo = 0, hi = 12;
	void *b = sip_msg_block(msg);
	long ret;

	while (lo < hi) {
		u32 mid = (lo + hi) / 2;

		if (limits[mid] <= v)
			lo = mid + 1;
		else
			hi = mid;
	}
	counts[lo]++;
	ret = sip_send(msg->chan, SIP_ECHO, lo, counts[lo], b);
	if (ret && b)
		sip_block_free(b);
	return 0;
}
