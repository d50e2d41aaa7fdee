// expect: accept
/* A log2 histogram of ping sizes, the bucket found by shifting. */
#include <sipdrv/sip.h>

#define NR_BUCKETS 32

SIP_MANIFEST(.name = "hist", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

static u64 hist[NR_BUCKETS];

SIP_MSG(hist_msg)
{
	u64 size = msg->block_size;
	void *b = sip_msg_block(msg);
	int bucket = 0;
	long ret;

	while (size >>= 1)
		bucket++;
	hist[bucket]++;
	ret = sip_send(msg->chan, SIP_ECHO, msg->args[0], bucket, b);
	if (ret && b)
		sip_block_free(b);
	return 0;
}
