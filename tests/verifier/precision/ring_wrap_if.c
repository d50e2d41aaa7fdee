// expect: reject samples_msg: pointer arithmetic with an unbounded value
/*
 * A ring of sample bytes copied from each block, the index wrapped with an
 * if; their mean is logged when the driver stops.
 *
 * Refused because pos is a global: private data keeps no invariant between
 * runs, so pos read back is any int, though every store keeps it below
 * NSAMPLES.
 */
#include <sipdrv/sip.h>

#define NSAMPLES 100

SIP_MANIFEST(.name = "samples", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

static u8 samples[NSAMPLES];
static int pos;

SIP_MSG(samples_msg)
{
	u8 *b = sip_msg_block(msg);
	u64 i, n;
	long ret;

	if (!b)
		return 0;
	n = sip_block_size(b);
	for (i = 0; i < n; i += 64) {
		samples[pos] = b[i];	// <-- here
		pos++;
		if (pos == NSAMPLES)
			pos = 0;
	}
	ret = sip_send(msg->chan, SIP_ECHO, pos, 0, b);
	if (ret)
		sip_block_free(b);
	return 0;
}

SIP_EXIT(samples_exit)
{
	u64 sum = 0;
	int i;

	for (i = 0; i < NSAMPLES; i++)
		sum += samples[i];
	sip_printk("mean sample: %llu", sum / NSAMPLES);
	return 0;
}
