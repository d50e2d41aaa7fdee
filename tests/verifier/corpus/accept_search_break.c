// SPDX-License-Identifier: GPL-2.0
/*
 * A linear search with an early exit over a 32-entry table of keys in
 * private data; the found index is used afterwards.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "search-break");

#define NR_KEYS 32

static u64 keys[NR_KEYS], values[NR_KEYS];

SIP_MSG(search_msg)
{
	u64 key = msg->args[0];
	u32 i;

	for (i = 0; i < NR_KEYS; i++)
		if (keys[i] == key)
			break;
	if (i == NR_KEYS) {
		i = msg->args[1] % NR_KEYS;
		keys[i] = key;
	}
	values[i]++;
	return sip_send(msg->chan, msg->tag, i, values[i], NULL);
}
