// expect: accept
/*
 * Looks at most at the first 1024 bytes for a zero byte, stopping at the
 * end.
 *
 * clang turns "i >= size" into "i == size" (i counts up from 0 by 1): the
 * verifier makes i < size of i <= size and i != size.
 */
#include <sipdrv/sip.h>

#define MAX_SCAN 1024

SIP_MANIFEST(.name = "scan1k", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

SIP_MSG(scan_msg)
{
	u8 *b = sip_msg_block(msg);
	u64 size;
	int i;
	long ret;

	if (!b)
		return 0;
	size = sip_block_size(b);
	for (i = 0; i < MAX_SCAN; i++) {
		if (i >= size)
			break;
		if (b[i] == 0)
			break;
	}
	ret = sip_send(msg->chan, SIP_ECHO, msg->args[0], i, b);
	if (ret)
		sip_block_free(b);
	return 0;
}
