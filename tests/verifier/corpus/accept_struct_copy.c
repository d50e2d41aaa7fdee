// SPDX-License-Identifier: GPL-2.0
/*
 * Structures copied between a block, the stack and private data with
 * __builtin_memcpy (clang expands it into loads and stores), and a block
 * cleared with __builtin_memset.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "struct-copy");

struct cfg {
	u64 base;
	u32 len;
	u16 mode;
	u16 flags;
	u8 name[16];
};

static struct cfg current;

SIP_MSG(copy_msg)
{
	struct cfg *b = sip_msg_block(msg);
	struct cfg local;
	long ret;

	if (!b)
		return -22;
	if (sip_block_size(b) < sizeof(*b)) {
		sip_block_free(b);
		return -22;
	}
	__builtin_memcpy(&local, b, sizeof(local));
	if (local.len > 4096)
		local.len = 4096;
	__builtin_memcpy(&current, &local, sizeof(current));
	__builtin_memset(b, 0, sizeof(*b));
	__builtin_memcpy(b, &current, sizeof(current));
	ret = sip_send(msg->chan, msg->tag, local.base, local.len, b);
	if (ret)
		sip_block_free(b);
	return ret;
}
