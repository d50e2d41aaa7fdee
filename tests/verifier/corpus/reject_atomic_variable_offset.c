// SPDX-License-Identifier: GPL-2.0
/*
 * An atomic add on an array entry chosen by the message: atomics must be at
 * a fixed offset (pointers carry no known bits, so the alignment of a
 * variable offset cannot be proven), even when every entry is aligned.
 */
// expect: reject atomic_msg: atomic access must be at a fixed, 8-byte aligned offset
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "atomic-variable-offset");

static u64 per_tag[8];

SIP_MSG(atomic_msg)
{
	__sync_fetch_and_add(&per_tag[msg->tag & 7], msg->args[0]);	// <-- here
	return 0;
}
