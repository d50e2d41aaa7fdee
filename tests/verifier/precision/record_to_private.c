// expect: accept
/* Keeps the last config record of a ping in private data, read with sip_block_read. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "config", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

struct config {
	u32 version;
	u32 nr_queues;
	u64 features;
	char label[16];
};

static struct config cur;
static u64 updates;

SIP_MSG(config_msg)
{
	void *b = sip_msg_block(msg);
	struct config tmp;
	long ret;

	if (!b)
		return 0;
	if (sip_block_read(b, msg->args[0], &tmp, sizeof(tmp)) == 0 && tmp.version == 1) {
		cur = tmp;
		updates++;
	}
	ret = sip_send(msg->chan, SIP_ECHO, cur.nr_queues, updates, b);
	if (ret)
		sip_block_free(b);
	return 0;
}
