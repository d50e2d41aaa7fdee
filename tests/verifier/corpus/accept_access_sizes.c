// SPDX-License-Identifier: GPL-2.0
/*
 * Byte, halfword, word and double-word loads and stores, signed and
 * unsigned, on private data, the stack and a block, each at the last
 * position where it fits.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "access-sizes");

struct regs {
	u8 b;
	s8 sb;
	u16 h;
	u32 w;
	u64 dw;
	u32 tail_w;
	u16 tail_h;
	s8 tail_sb;
	u8 tail_b;
};

static struct regs r;

SIP_MSG(sizes_msg)
{
	volatile struct regs s;
	struct regs *b = sip_block_alloc(sizeof(struct regs));
	s64 acc;

	if (!b)
		return -12;
	r.b = s.b = b->b = msg->args[0];
	r.sb = s.sb = b->sb = msg->args[0] >> 8;
	r.h = s.h = b->h = msg->args[0] >> 16;
	r.w = s.w = b->w = msg->args[1];
	r.dw = s.dw = b->dw = msg->args[2];
	r.tail_w = s.tail_w = b->tail_w = msg->tag;
	r.tail_h = s.tail_h = b->tail_h = msg->tag >> 3;
	r.tail_sb = s.tail_sb = b->tail_sb = -1;
	r.tail_b = s.tail_b = b->tail_b = 0xff;
	acc = r.b + r.sb + r.h + r.w + r.dw + r.tail_w + r.tail_h + r.tail_sb + r.tail_b;
	acc += s.b + s.sb + s.h + s.w + s.dw + s.tail_w + s.tail_h + s.tail_sb + s.tail_b;
	acc += b->b + b->sb + b->h + b->w + b->dw + b->tail_w + b->tail_h + b->tail_sb + b->tail_b;
	sip_block_free(b);
	return acc & 0x7fffffff;
}
