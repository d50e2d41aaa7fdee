// expect: accept
/* A text command in the block compared with a few literal commands. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "cmd", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

static const char cmds[3][8] = { "reset", "stats", "quiet" };
static u64 resets, quiet;

static int match(const char *b, u64 size, const char *word)
{
	u64 i;

	for (i = 0; word[i]; i++)
		if (i >= size || b[i] != word[i])
			return 0;
	return 1;
}

SIP_MSG(cmd_msg)
{
	char *b = sip_msg_block(msg);
	u64 size;
	int c, which = -1;
	long ret;

	if (!b)
		return 0;
	size = sip_block_size(b);
	for (c = 0; c < 3; c++)
		if (match(b, size, cmds[c])) {
			which = c;
			break;
		}
	if (which == 0)
		resets++;
	else if (which == 2)
		quiet = 1;
	ret = sip_send(msg->chan, SIP_ECHO, which, resets, b);
	if (ret)
		sip_block_free(b);
	return 0;
}
