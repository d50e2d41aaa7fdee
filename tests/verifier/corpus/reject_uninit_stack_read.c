// SPDX-License-Identifier: GPL-2.0
/*
 * A local variable read on the path where nothing assigned it: the lookup
 * says whether it found the key, and the caller only counts the misses.
 */
// expect: reject uninit_msg: read of uninitialised stack
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "uninit-stack-read");

static __attribute__((noinline)) int lookup(u64 key, u64 *out)
{
	if (key == 1)
		*out = 100;
	else if (key == 2)
		*out = 200;
	else
		return 0;
	return 1;
}

static u64 nr_misses;

SIP_MSG(uninit_msg)
{
	u64 value;

	if (!lookup(msg->args[0], &value))
		nr_misses++;
	return sip_send(msg->chan, msg->tag, value, 0, NULL);	// <-- here
}

SIP_EXIT(uninit_exit)
{
	return nr_misses;
}
