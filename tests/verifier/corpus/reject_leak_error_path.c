// SPDX-License-Identifier: GPL-2.0
/*
 * The classic error-path leak: the second allocation fails and the handler
 * returns without freeing the first.
 */
// expect: reject leak_msg: block leak: the block from insn 2 (reject_leak_error_path.c:16) is still owned at exit
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "leak-error-path", .nr_channels = 1, .chans = { SIP_USES("out", PING) });

SIP_MSG(leak_msg)
{
	void *req, *resp;
	long ret;

	req = sip_block_alloc(64);
	if (!req)
		return -12;
	resp = sip_block_alloc(64);
	if (!resp)
		return -12;
	ret = sip_send(msg->chan, SIP_PING, 0, 0, req);
	if (ret)
		sip_block_free(req);
	sip_block_free(resp);
	return ret;
}	// <-- here
