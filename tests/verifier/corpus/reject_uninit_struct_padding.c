// SPDX-License-Identifier: GPL-2.0
/*
 * A stack structure with a hole (4 bytes of padding after a u32) copied
 * whole into a block: every field is set, the padding is not.
 */
// expect: reject uninit_msg: read of uninitialised stack
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "uninit-struct-padding");

struct reply {
	u32 status;
	/* 4 bytes of padding */
	u64 value;
};

static __attribute__((noinline)) void copy_reply(u64 *dst, const struct reply *r)
{
	dst[0] = ((const u64 *)r)[0];	// <-- here
	dst[1] = ((const u64 *)r)[1];
}

SIP_MSG(uninit_msg)
{
	struct reply r;
	u64 *b = sip_block_alloc(sizeof(r));
	long ret;

	if (!b)
		return -12;
	r.status = 0;
	r.value = msg->args[0];
	copy_reply(b, &r);
	ret = sip_send(msg->chan, msg->tag, 0, 0, b);
	if (ret)
		sip_block_free(b);
	return ret;
}
