// expect: reject ids_msg: read of private data out of bounds
/*
 * Looks a key up in a small table of registered ids; adds it if there is
 * room.
 *
 * Refused because nr_ids is a global, never above MAX_IDS by the driver's
 * own stores, but read back it is any int, so ids[i] with i < nr_ids is
 * unbounded.
 */
#include <sipdrv/sip.h>

#define MAX_IDS 32

SIP_MANIFEST(.name = "ids", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

static u64 ids[MAX_IDS];
static u64 hits[MAX_IDS];
static int nr_ids;

SIP_MSG(ids_msg)
{
	u64 id = msg->args[0];
	void *b = sip_msg_block(msg);
	int i;
	long ret;

	for (i = 0; i < nr_ids; i++)
		if (ids[i] == id)	// <-- here
			break;
	if (i == nr_ids) {
		if (nr_ids < MAX_IDS) {
			ids[nr_ids] = id;
			hits[nr_ids] = 0;
			nr_ids++;
		} else {
			i = -1;
		}
	}
	if (i >= 0)
		hits[i]++;
	ret = sip_send(msg->chan, SIP_ECHO, i, i >= 0 ? hits[i] : 0, b);
	if (ret && b)
		sip_block_free(b);
	return 0;
}
