// expect: accept
/* Counts messages by tag and prints the non-zero counters when the driver stops. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "tagcount", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

static const char tag_names[3][8] = { "closed", "ping", "echo" };
static u64 by_tag[3], other;

SIP_MSG(tagcount_msg)
{
	void *b = sip_msg_block(msg);
	long ret;

	if (msg->tag < 3)
		by_tag[msg->tag]++;
	else
		other++;
	if (msg->tag != SIP_PING) {
		if (b)
			sip_block_free(b);
		return 0;
	}
	ret = sip_send(msg->chan, SIP_ECHO, msg->args[0], 0, b);
	if (ret && b)
		sip_block_free(b);
	return 0;
}

SIP_EXIT(tagcount_exit)
{
	int t;

	for (t = 0; t < 3; t++)
		if (by_tag[t])
			sip_printk("%s: %llu", tag_names[t], by_tag[t]);
	if (other)
		sip_printk("other: %llu", other);
	return 0;
}
