// expect: accept
/* Per-channel statistics kept as a struct of arrays, summarised every 1000 messages. */
#include <sipdrv/sip.h>

#define NR_CHANS 4

SIP_MANIFEST(.name = "chstats", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

static struct {
	u64 msgs[NR_CHANS];
	u64 bytes[NR_CHANS];
	u64 max_size[NR_CHANS];
	u64 empty[NR_CHANS];
} st;
static u64 total;

static void summary(void)
{
	int c;

	for (c = 0; c < NR_CHANS; c++)
		sip_printk("chan %d: %llu msgs, %llu bytes, largest %llu", c, st.msgs[c],
			   st.bytes[c], st.max_size[c]);
}

SIP_MSG(chstats_msg)
{
	u32 c = msg->args[0] % NR_CHANS;
	u64 size = msg->block_size;
	void *b = sip_msg_block(msg);
	long ret;

	st.msgs[c]++;
	st.bytes[c] += size;
	if (size > st.max_size[c])
		st.max_size[c] = size;
	if (!size)
		st.empty[c]++;
	if (++total % 1000 == 0)
		summary();
	ret = sip_send(msg->chan, SIP_ECHO, msg->args[0], st.msgs[c], b);
	if (ret && b)
		sip_block_free(b);
	return 0;
}
