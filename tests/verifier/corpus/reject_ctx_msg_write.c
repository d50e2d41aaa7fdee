// SPDX-License-Identifier: GPL-2.0
/*
 * The message context is read-only: a handler that rewrites the tag
 * before echoing the message is refused.
 */
// expect: reject ctx_msg: the context is read-only (write at off 4)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "ctx-msg-write");

SIP_MSG(ctx_msg)
{
	((volatile struct sip_msg *)msg)->tag = 2;	// <-- here
	return sip_send(msg->chan, msg->tag, 0, 0, NULL);
}
