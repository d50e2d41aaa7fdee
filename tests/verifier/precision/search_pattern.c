// expect: accept
/* Searches the block for a 4-byte magic and answers with its offset, or -1. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "magic", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

SIP_MSG(magic_msg)
{
	u8 *b = sip_msg_block(msg);
	u64 size, i;
	s64 found = -1;
	long ret;

	if (!b)
		return 0;
	size = sip_block_size(b);
	for (i = 0; i + 4 <= size; i++) {
		if (b[i] == 'S' && b[i + 1] == 'I' && b[i + 2] == 'P' && b[i + 3] == '!') {
			found = i;
			break;
		}
	}
	ret = sip_send(msg->chan, SIP_ECHO, found, 0, b);
	if (ret)
		sip_block_free(b);
	return 0;
}
