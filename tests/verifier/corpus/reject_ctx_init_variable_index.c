// SPDX-License-Identifier: GPL-2.0
/*
 * A load parameter picked by a run-time index: context offsets must be
 * constants, even when the index is in range.
 */
// expect: reject ctx_init: variable offset into the context
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "ctx-init-variable-index");

static u64 chosen;

SIP_INIT(ctx_init)
{
	u64 i = ctx->params[0];

	if (i >= SIP_MAX_PARAMS)
		return -22;
	chosen = ctx->params[i];	// <-- here
	return 0;
}

SIP_MSG(ctx_msg)
{
	return sip_send(msg->chan, msg->tag, chosen, 0, NULL);
}
