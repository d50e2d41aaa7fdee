// SPDX-License-Identifier: GPL-2.0
/*
 * A freed block passed to a helper: its size asked for after the free.
 */
// expect: reject uaf_msg: points to a block freed at insn
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "use-after-free-helper");

SIP_MSG(uaf_msg)
{
	void *b = sip_msg_block(msg);

	if (!b)
		return 0;
	sip_block_free(b);
	return sip_block_size(b);	// <-- here
}
