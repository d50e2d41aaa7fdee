// expect: reject entry_msg: read of exchange block out of bounds
/*
 * The block is an array of 16-byte entries; entry n (from the message) is
 * copied out.
 *
 * Refused because n < size / 16, then tab[n] at 16 * n: a bound through a
 * division by the element's size.
 */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "entry", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

struct entry {
	u64 key;
	u64 val;
};

SIP_MSG(entry_msg)
{
	struct entry *tab = sip_msg_block(msg);
	struct entry e = {};
	u64 n = msg->args[0], count;
	long ret;

	if (!tab)
		return 0;
	count = sip_block_size(tab) / sizeof(struct entry);
	if (n < count)
		e = tab[n];	// <-- here
	ret = sip_send(msg->chan, SIP_ECHO, e.key, e.val, tab);
	if (ret)
		sip_block_free(tab);
	return 0;
}
