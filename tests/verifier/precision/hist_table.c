// expect: accept
/* A histogram of byte values by a lookup table of classes. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "classes", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

static const u8 class_of[16] = { 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3 };
static u64 classes[4];

SIP_MSG(classes_msg)
{
	u8 *b = sip_msg_block(msg);
	u64 i, n;
	long ret;

	if (!b)
		return 0;
	n = sip_block_size(b);
	for (i = 0; i < n; i++)
		classes[class_of[b[i] >> 4]]++;
	ret = sip_send(msg->chan, SIP_ECHO, classes[0], classes[3], b);
	if (ret)
		sip_block_free(b);
	return 0;
}
