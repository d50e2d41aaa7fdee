// SPDX-License-Identifier: GPL-2.0
/*
 * The result of a send is tested, but the failure branch forgets that the
 * block is still owned.
 */
// expect: reject leak_msg: block leak: the block from insn
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "leak-send-failed");

static const char failed[] = "echo: send failed";

SIP_MSG(leak_msg)
{
	void *b = sip_msg_block(msg);
	long ret;

	ret = sip_send(msg->chan, msg->tag, msg->args[0], 0, b);
	if (ret) {
		sip_log(failed, sizeof(failed) - 1);
		return ret;
	}
	return 0;
}	// <-- here
