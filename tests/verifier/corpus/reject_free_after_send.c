// SPDX-License-Identifier: GPL-2.0
/*
 * A block freed after a successful send: the cleanup runs whatever the
 * send did, instead of only when it failed.
 */
// expect: reject uas_msg: points to a block sent at insn
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "free-after-send");

static const char failed[] = "send failed";

SIP_MSG(uas_msg)
{
	void *b = sip_block_alloc(64);
	long ret;

	if (!b)
		return -12;
	ret = sip_send(msg->chan, msg->tag, 0, 0, b);
	if (ret)
		sip_log(failed, sizeof(failed) - 1);
	sip_block_free(b);	// <-- here
	return ret;
}
