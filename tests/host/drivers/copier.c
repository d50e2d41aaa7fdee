// SPDX-License-Identifier: GPL-2.0
/*
 * The SDK's copy and fill helpers on a ping's block, for
 * tests/host/sip_helpers_test.c: PING's arg0 names the operation, arg1 its
 * parameter; the ECHO carries the block back, arg1 the helper's result.
 * The block must have at least 64 bytes (else the result is -EINVAL).
 */
#include <sipdrv/sip.h>

#define EINVAL 22

enum copier_op {
	OP_MEMCPY,		/* b[32..48) = b[0..16); then b[1..9) = b[0..8) (overlapping) */
	OP_MEMSET,		/* b[8..24) = arg1 */
	OP_BLOCK_READ,		/* b[0..8) = the 8 bytes at arg1 (zeroes outside) */
	OP_BLOCK_WRITE,		/* "ABCDEFGH" at arg1 */
	OP_BLOCK_COPY,		/* b[48..64) = b[arg1..arg1 + 16), through a new block */
	OP_GRANT,		/* b[0..16) to the grant at arg1, and back into b[16..32) */
	OP_CRC32,		/* the result: the CRC-32 of b[0..64), going on from arg1 */
};

SIP_MANIFEST(.name = "copier", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) },
	     .max_blocks = 64);

static const char letters[8] = "ABCDEFGH";

SIP_INIT(copier_init)
{
	return sip_grant(4096);
}

static long copy_op(u64 op, u64 arg, u8 *b)
{
	u8 tmp[8];
	void *n;
	long ret;

	switch (op) {
	case OP_MEMCPY:
		sip_memcpy(b + 32, b, 16);
		return sip_memcpy(b + 1, b, 8);
	case OP_MEMSET:
		return sip_memset(b + 8, arg, 16);
	case OP_BLOCK_READ:
		ret = sip_block_read(b, arg, tmp, sizeof(tmp));
		sip_memcpy(b, tmp, sizeof(tmp));
		return ret;
	case OP_BLOCK_WRITE:
		return sip_block_write(b, arg, letters, sizeof(letters));
	case OP_BLOCK_COPY:
		n = sip_block_alloc(16);
		if (!n)
			return -EINVAL;
		ret = sip_block_copy(n, 0, b, arg, 16);
		if (!ret)
			ret = sip_block_copy(b, 48, n, 0, 16);
		sip_block_free(n);
		return ret;
	case OP_GRANT:
		ret = sip_grant_store(arg, b, 16);
		if (!ret)
			ret = sip_grant_load(arg, b + 16, 16);
		return ret;
	case OP_CRC32:
		return sip_crc32(arg, b, 64);
	default:
		return -EINVAL;
	}
}

SIP_MSG(copier_msg)
{
	u8 *b;
	long status = -EINVAL, ret;

	if (msg->tag != SIP_PING)
		return 0;
	b = sip_msg_block(msg);
	if (!b)
		return 0;
	if (sip_block_size(b) >= 64)
		status = copy_op(msg->args[0], msg->args[1], b);
	ret = sip_send(msg->chan, SIP_ECHO, msg->args[0], status, b);
	if (ret)
		sip_block_free(b);
	return 0;
}
