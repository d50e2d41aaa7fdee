// expect: accept
/* Logs the name of each request's operation, chosen from a table of names. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "opnames", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

static const char op_names[4][8] = { "read", "write", "flush", "discard" };

SIP_MSG(opnames_msg)
{
	u32 op = msg->args[0];
	void *b = sip_msg_block(msg);
	long ret;

	if (op < 4)
		sip_printk("op %s, %llu bytes", op_names[op], msg->block_size);
	else
		sip_printk("op %u unknown", op);
	ret = sip_send(msg->chan, SIP_ECHO, msg->args[0], 0, b);
	if (ret && b)
		sip_block_free(b);
	return 0;
}
