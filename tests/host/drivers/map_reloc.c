// SPDX-License-Identifier: GPL-2.0
/* Test driver of image_test: a libbpf-style map, which SIPs do not have, refused. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "map_reloc");

struct {
	int type;
	int max_entries;
} counters __attribute__((section(".maps"), used));

SIP_INIT(map_reloc_init)
{
	return *(volatile int *)&counters.max_entries;
}
