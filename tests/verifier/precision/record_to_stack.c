// expect: accept
/* Copies a fixed-size request header out of the block into a stack struct. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "rechdr", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

struct req {
	u32 magic;
	u16 op;
	u16 flags;
	u64 cookie;
	u32 len;
	u32 crc;
};

static u64 bad, good;

SIP_MSG(rechdr_msg)
{
	void *b = sip_msg_block(msg);
	struct req r;
	long ret;

	if (!b)
		return 0;
	if (msg->block_size < sizeof(r)) {
		bad++;
		goto out;
	}
	sip_memcpy(&r, b, sizeof(r));
	if (r.magic != 0x51505253)
		bad++;
	else
		good++;
out:
	ret = sip_send(msg->chan, SIP_ECHO, msg->args[0], good, b);
	if (ret)
		sip_block_free(b);
	return 0;
}
