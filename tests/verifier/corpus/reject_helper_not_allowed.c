// SPDX-License-Identifier: GPL-2.0
/*
 * sip_msg_block() in an init handler: there is no message to take a block
 * from.
 */
// expect: reject block_init: sip_msg_block is not allowed in an init handler
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "helper-not-allowed");

SIP_INIT(block_init)
{
	void *b = sip_msg_block((struct sip_msg *)ctx);	// <-- here

	sip_block_free(b);
	return 0;
}
