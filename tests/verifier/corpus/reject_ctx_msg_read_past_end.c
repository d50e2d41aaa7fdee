// SPDX-License-Identifier: GPL-2.0
/*
 * The message context read one byte past its end (struct sip_msg is 40
 * bytes): a driver that thinks there is a fourth argument.
 */
// expect: reject ctx_msg: invalid context access (off 40, size 1) in a msg handler
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "ctx-msg-read-past-end");

SIP_MSG(ctx_msg)
{
	const volatile u8 *raw = (const volatile u8 *)msg;

	return msg->block_size + raw[sizeof(*msg)];	// <-- here
}
