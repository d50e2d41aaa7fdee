// expect: accept
/*
 * Fills the reply block with a literal, as much of it as fits, with
 * sip_memcpy: clang turns a byte loop doing the same into a call of
 * memcpy, which BPF does not have.
 */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "strcopy", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

static const char reply[] = "PONG v1.0";

SIP_MSG(strcopy_msg)
{
	char *b = sip_msg_block(msg);
	u64 n;
	long ret;

	if (!b)
		return 0;
	n = sip_block_size(b);
	if (n > sizeof(reply) - 1)
		n = sizeof(reply) - 1;
	sip_memcpy(b, reply, n);
	ret = sip_send(msg->chan, SIP_ECHO, n, 0, b);
	if (ret)
		sip_block_free(b);
	return 0;
}
