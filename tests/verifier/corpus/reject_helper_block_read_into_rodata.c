// SPDX-License-Identifier: GPL-2.0
/*
 * sip_block_read into a const table: a fill writes its destination, which
 * read-only data cannot be, whatever offset the block read is at.
 */
// expect: reject read_msg: write to read-only data
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "helper-block-read-into-rodata");

static const u8 defaults[16] = { 1, 2, 3, 4 };

SIP_MSG(read_msg)
{
	void *b = sip_msg_block(msg);

	if (!b)
		return 0;
	sip_block_read(b, msg->args[0], (void *)defaults, sizeof(defaults));	// <-- here
	sip_block_free(b);
	return defaults[0];
}
