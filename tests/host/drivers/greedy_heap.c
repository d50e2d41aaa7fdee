// SPDX-License-Identifier: GPL-2.0
/* Asks for the whole exchange heap: the kernel's ceiling refuses it at load. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "greedy-heap", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) },
	     .max_blocks = ~0u, .max_bytes = ~0ull);

SIP_MSG(greedy_heap_msg)
{
	sip_block_free(sip_msg_block(msg));
	return 0;
}
