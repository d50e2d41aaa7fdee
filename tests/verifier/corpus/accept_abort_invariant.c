// SPDX-License-Identifier: GPL-2.0
/*
 * A driver that stops itself with sip_abort() when its own bookkeeping is
 * broken (it will be recovered), freeing what it owns first.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "abort-invariant");

static u64 nr_open;

SIP_MSG(abort_msg)
{
	void *b = sip_msg_block(msg);

	if (msg->tag == 1) {
		nr_open++;
	} else if (msg->tag == 2) {
		if (!nr_open) {
			sip_block_free(b);
			return sip_abort(-5);
		}
		nr_open--;
	}
	sip_block_free(b);
	return 0;
}
