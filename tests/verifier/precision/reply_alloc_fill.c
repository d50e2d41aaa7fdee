// expect: accept
/* Answers with a new block of n bytes (from the ping) filled with a counting pattern. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "gen", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

SIP_MSG(gen_msg)
{
	u64 n = msg->args[1];
	u8 *out;
	u64 i;
	long ret;

	sip_block_free(sip_msg_block(msg));
	if (n > 4096)
		n = 4096;
	out = sip_block_alloc(n);
	if (!out)
		return 0;
	for (i = 0; i < n; i++)
		out[i] = i;
	ret = sip_send(msg->chan, SIP_ECHO, msg->args[0], n, out);
	if (ret)
		sip_block_free(out);
	return 0;
}
