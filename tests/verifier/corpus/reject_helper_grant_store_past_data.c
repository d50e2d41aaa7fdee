// SPDX-License-Identifier: GPL-2.0
/*
 * A table stored into granted memory with the size of the wrong type: 8
 * bytes more than the table, past the end of the private data.
 */
// expect: reject store_msg: read of private data out of bounds (off 0, size 72, size 64)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "helper-grant-store-past-data");

static u64 table[8];

SIP_MSG(store_msg)
{
	table[msg->tag & 7]++;
	return sip_grant_store(0, table, sizeof(table) + sizeof(u64));	// <-- here
}
