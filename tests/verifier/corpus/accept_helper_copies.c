// SPDX-License-Identifier: GPL-2.0
/*
 * Copies and fills between every pair of regions a driver reaches: a
 * header copied out of the message's block into a stack struct (once its
 * size is checked), a struct filled with zeroes before its fields are set
 * (a fill counts as written), private data copied from read-only data and
 * back into the block, a block copied into another at offsets checked when
 * the call runs, and a stack buffer read from the block at an offset the
 * message chooses (zeroes when it falls outside).
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "helper-copies", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

struct hdr {
	u32 type;
	u32 len;
	u64 cookie;
};

static const char banner[16] = "copied by a SIP";
static char saved[16];

SIP_MSG(copies_msg)
{
	struct hdr h, out;
	u8 tail[8];
	u8 *b = sip_msg_block(msg), *copy;
	long ret;

	if (!b)
		return 0;
	if (sip_block_size(b) < 64)
		goto done;
	sip_memcpy(&h, b, sizeof(h));
	sip_memset(&out, 0, sizeof(out));
	out.type = h.type + 1;
	out.len = h.len;
	sip_memcpy(b + 16, &out, sizeof(out));
	sip_memcpy(saved, banner, sizeof(saved));
	sip_memcpy(b + 32, saved, sizeof(saved));
	sip_memcpy(b + 8, b + 4, 16);		/* overlapping: like memmove */
	sip_block_read(b, msg->args[0], tail, sizeof(tail));
	sip_block_write(b, msg->args[1], tail, sizeof(tail));
	copy = sip_block_alloc(64);
	if (copy) {
		sip_block_copy(copy, 0, b, msg->args[0], 32);
		sip_block_free(copy);
	}
done:
	ret = sip_send(msg->chan, SIP_ECHO, msg->args[0], 0, b);
	if (ret)
		sip_block_free(b);
	return 0;
}
