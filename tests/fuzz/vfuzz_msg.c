// SPDX-License-Identifier: GPL-2.0
/*
 * The verifier fuzzer's message handlers: programs that take blocks (alloc
 * of constant or variable sizes, the message's block, a slot's), check
 * their sizes (in ways that join at branches, with the size of another
 * block or a plain number on the other side, and again after another helper
 * call), access them, send them (in loops too, the result tested at once,
 * after other code, through a stack slot, or in the next iteration), free
 * them or put them in slots, log, abort, and mix the raw items in between.
 * Each block lives in a scope: acquired into r7, r8 or r9, checked for
 * NULL, used, released. A few choices break a rule on purpose (no NULL
 * check, no release, a use after it, an access past the checked size, a
 * send result never tested), so that refusals are exercised as well.
 */
#include "vfuzz.h"

#define CTX		6		/* r6 keeps the context */
#define MSG_INSNS	420		/* a handler stops growing past this */
#define MAX_SCOPES	3		/* blocks held at once */
#define NO_JUMP		~0u

static const u32 alloc_sizes[] = { 1, 4, 8, 16, 24, 64, 100, 256, 512, 4096, 0, 20000 };
static const s32 size_checks[] = { 1, 2, 4, 8, 16, 24, 32, 64, 100, 128, 512, 4096 };
static const u8 widths[] = { 1, 2, 4, 8 };

static void m_use(struct gen *g, u8 r);
static void m_scope(struct gen *g, u32 how);

static bool room(const struct gen *g)
{
	return g->len < MSG_INSNS;
}

/* A forward conditional jump, landed later by land(). */
static u32 jump(struct gen *g, enum sip_op op, u8 dst, u8 src, s32 imm)
{
	vf_emit(g, op, dst, src, 0, imm);
	return g->len - 1;
}

static void land(struct gen *g, u32 j)
{
	if (j != NO_JUMP)
		g->insns[j].off = (s16)(g->len - j - 1);
}

static void call(struct gen *g, u32 helper)
{
	u8 r;

	vf_emit(g, SIP_OP_CALL, 0, 0, 0, (s32)helper);
	for (r = 1; r <= 5; r++)
		g->kind[r] = K_NONE;
	g->kind[0] = K_SCALAR;
}

static enum sip_op store_op(u8 width, bool imm)
{
	switch (width) {
	case 1:
		return imm ? SIP_OP_STB : SIP_OP_STXB;
	case 2:
		return imm ? SIP_OP_STH : SIP_OP_STXH;
	case 4:
		return imm ? SIP_OP_STW : SIP_OP_STXW;
	default:
		return imm ? SIP_OP_STDW : SIP_OP_STXDW;
	}
}

static enum sip_op load_op(u8 width)
{
	return width == 1 ? SIP_OP_LDXB : width == 2 ? SIP_OP_LDXH :
	       width == 4 ? SIP_OP_LDXW : SIP_OP_LDXDW;
}

/* A load or a store of @width bytes at @r + @off (through r0..r5 only). */
static void access(struct gen *g, u8 r, s16 off, u8 width)
{
	u8 b = in_byte(g->in);

	if (b & 1) {
		vf_emit(g, store_op(width, true), r, 0, off, vf_pick_imm(g));
	} else if (b & 2) {
		vf_emit(g, load_op(width), 2, r, off, 0);
		g->kind[2] = K_SCALAR;
	} else {
		vf_emit(g, SIP_OP_MOV64_K, 3, 0, 0, vf_pick_imm(g));
		vf_emit(g, store_op(width, false), r, 3, off, 0);
		g->kind[3] = K_SCALAR;
	}
}

/* A block register not in use: r7, r8 or r9; 0xff when all are. */
static u8 free_block_reg(struct gen *g)
{
	u8 r = 7 + in_byte(g->in) % 3, i;

	for (i = 0; i < 3; i++, r = r == 9 ? 7 : r + 1)
		if (!(g->locked & (1u << r)))
			return r;
	return 0xff;
}

/* Another block held (checked not NULL) than @r, or 0xff. */
static u8 other_block(const struct gen *g, u8 r)
{
	u8 q;

	for (q = 7; q <= 9; q++)
		if (q != r && g->kind[q] == K_BLOCK)
			return q;
	return 0xff;
}

/* A number the driver does not know: one of the message's fields. */
static void ctx_scalar(struct gen *g, u8 dst)
{
	u8 b = in_byte(g->in);

	if (b & 1)
		vf_emit(g, SIP_OP_LDXW, dst, CTX, 4, 0);	/* the tag */
	else
		vf_emit(g, SIP_OP_LDXDW, dst, CTX, (s16)(8 + 8 * ((b >> 1) % 4)), 0);
	g->kind[dst] = K_SCALAR;
}

/* r0 = a block or NULL: allocated, the message's, or a slot's. */
static void acquire(struct gen *g)
{
	u8 b = in_byte(g->in), k = in_byte(g->in);

	switch (b % 6) {
	case 0:
	case 1:
	case 2:
		if (k & 0x80) {	/* a size the message chooses, maybe bounded */
			ctx_scalar(g, 1);
			if (k & 0x40)
				vf_emit(g, SIP_OP_AND64_K, 1, 0, 0, (k & 0x20) ? 0xff : 0xfff);
		} else {
			vf_emit(g, SIP_OP_MOV64_K, 1, 0, 0,
				(s32)alloc_sizes[k % ARRAY_SIZE(alloc_sizes)]);
		}
		call(g, SIP_HELPER_block_alloc);
		break;
	case 3:
	case 4:
		vf_emit(g, SIP_OP_MOV64_X, 1, CTX, 0, 0);
		call(g, SIP_HELPER_msg_block);
		g->shapes |= 1u << SH_MSG_BLOCK;
		break;
	default:
		g->shapes |= 1u << SH_SLOT;
		vf_emit(g, SIP_OP_MOV64_K, 1, 0, 0, (s32)(k % (g->nr_slots + (k >> 7))));
		vf_emit(g, SIP_OP_MOV64_K, 2, 0, 0, 0);
		call(g, SIP_HELPER_slot_xchg);
		break;
	}
	g->kind[0] = K_BLOCK_NULL;
}

/*
 * r1 = a channel handle: the message's, or sip_chan(k); r2 = a tag its
 * contract lets the driver send (vfuzz_run.c's channels: 0 serves ping and
 * sends ECHO, 1 uses it and sends PING, 2 serves a disk and sends HELLO or
 * DONE; the message's channel may be any, and channel 0 always exists).
 */
static void channel(struct gen *g)
{
	static const u8 tags[MOCK_MAX_CHANS][2] = {
		{ SIP_ECHO, SIP_ECHO }, { SIP_PING, SIP_PING }, { SIP_BLK_HELLO, SIP_BLK_DONE },
	};
	u8 b = in_byte(g->in), t = in_byte(g->in), k = 0;

	if (b & 1) {	/* one past the manifest's channels now and then: a refusal */
		k = (b >> 1) % (g->nr_channels + ((b >> 1) % 32 == 31));
		vf_emit(g, SIP_OP_MOV64_K, 1, 0, 0, k);
		call(g, SIP_HELPER_chan);
		vf_emit(g, SIP_OP_MOV64_X, 1, 0, 0, 0);
	} else if (b & 2) {
		vf_emit(g, SIP_OP_LDXW, 1, CTX, 0, 0);
	} else {	/* through the stack */
		vf_emit(g, SIP_OP_LDXW, 1, CTX, 0, 0);
		vf_emit(g, SIP_OP_STXDW, SIP_REG_FP, 1, -56, 0);
		vf_emit(g, SIP_OP_LDXDW, 1, SIP_REG_FP, -56, 0);
	}
	g->kind[1] = K_CHAN;
	/* now and then a tag no contract has, or another side's: a refusal */
	vf_emit(g, SIP_OP_MOV64_K, 2, 0, 0,
		t % 32 == 31 ? 0 : t % 32 == 30 ? 1 + t % 3 : tags[k % MOCK_MAX_CHANS][t & 1]);
	g->kind[2] = K_SCALAR;
}

enum narrow { AS_IS, AS_U32, AS_S32, NEGATED };

/* How a send's result reaches its test: clang narrows an int in a few ways. */
static enum narrow narrow_result(struct gen *g, u8 r)
{
	switch (in_byte(g->in) % 8) {
	case 1:
		vf_emit(g, SIP_OP_MOV32_X, r, r, 0, 0);
		return AS_U32;
	case 2:
		vf_emit(g, SIP_OP_LSH64_K, r, 0, 0, 32);
		vf_emit(g, SIP_OP_ARSH64_K, r, 0, 0, 32);
		return AS_S32;
	case 3:
		vf_emit(g, SIP_OP_NEG64, r, 0, 0, 0);
		return NEGATED;
	default:
		return AS_IS;
	}
}

/*
 * Jumps when the send's result in @r says it failed (the block is still
 * ours), in a way that fits how it was narrowed: "r < 0" only where the
 * sign is still there.
 */
static u32 jump_if_failed(struct gen *g, u8 r, enum narrow how)
{
	switch (in_byte(g->in) % 10) {
	case 1:
		if (how == AS_IS || how == AS_S32)
			return jump(g, SIP_OP_JSLT_K, r, 0, 0);
		return jump(g, SIP_OP_JNE_K, r, 0, 0);
	case 2:
		return jump(g, SIP_OP_JSET_K, r, 0, -1);
	case 3:
		return jump(g, SIP_OP_JNE32_K, r, 0, 0);
	default:
		return jump(g, SIP_OP_JNE_K, r, 0, 0);
	}
}

/*
 * sip_send(chan, tag, a0, a1, r); on failure the block is freed. The result
 * is tested at once, after other code, or through the stack:
 *	call send; [narrow r0]; if failed goto FAIL; [sent path]; ja DONE;
 *	FAIL: free(r); DONE:
 */
static void send_block(struct gen *g, u8 r)
{
	u8 b = in_byte(g->in), res = 0;
	enum narrow how;
	u32 fail, done;

	g->shapes |= 1u << SH_SEND;
	if (g->loops_open)
		g->shapes |= 1u << SH_LOOP_SEND;
	channel(g);
	vf_emit(g, SIP_OP_MOV64_K, 3, 0, 0, vf_pick_imm(g));
	vf_emit(g, SIP_OP_MOV64_K, 4, 0, 0, 0);
	vf_emit(g, SIP_OP_MOV64_X, 5, r, 0, 0);
	call(g, SIP_HELPER_send);
	if (b % 64 == 63)
		return;		/* never tested: a refusal */
	how = narrow_result(g, 0);
	if (b & 0x20) {	/* kept in the stack across other code */
		vf_emit(g, SIP_OP_STXDW, SIP_REG_FP, 0, -48, 0);
		if (b & 0x40)
			vf_item(g);
		vf_emit(g, SIP_OP_LDXDW, 2, SIP_REG_FP, -48, 0);
		res = 2;
	}
	fail = jump_if_failed(g, res, how);
	if (b & 0x80)
		vf_item(g);
	/* now and then no jump: the sent block is freed too, a refusal */
	done = b % 64 == 62 ? NO_JUMP : jump(g, SIP_OP_JA, 0, 0, 0);
	land(g, fail);
	vf_emit(g, SIP_OP_MOV64_X, 1, r, 0, 0);
	call(g, SIP_HELPER_block_free);
	land(g, done);
}

static void release(struct gen *g, u8 r)
{
	u8 b = in_byte(g->in);
	u32 j;

	switch (b % 8) {
	case 0:
	case 1:
	case 2:
		send_block(g, r);
		break;
	case 3:
	case 4:
	case 5:
		vf_emit(g, SIP_OP_MOV64_X, 1, r, 0, 0);
		call(g, SIP_HELPER_block_free);
		break;
	default:	/* into a slot; the block that was there must go too */
		g->shapes |= 1u << SH_SLOT;
		vf_emit(g, SIP_OP_MOV64_K, 1, 0, 0, (s32)((b >> 3) % g->nr_slots));
		vf_emit(g, SIP_OP_MOV64_X, 2, r, 0, 0);
		call(g, SIP_HELPER_slot_xchg);
		j = jump(g, SIP_OP_JEQ_K, 0, 0, 0);
		vf_emit(g, SIP_OP_MOV64_X, 1, 0, 0, 0);
		call(g, SIP_HELPER_block_free);
		land(g, j);
		break;
	}
	g->kind[r] = K_GONE;
}

/* The size of @r in r0, moved or spilled and filled (links that must hold), in *@out. */
static void size_of(struct gen *g, u8 r, u8 *out)
{
	u8 b = in_byte(g->in);

	vf_emit(g, SIP_OP_MOV64_X, 1, r, 0, 0);
	call(g, SIP_HELPER_block_size);
	*out = 0;
	switch (b % 6) {
	case 0:
		vf_emit(g, SIP_OP_MOV64_X, 2, 0, 0, 0);
		*out = 2;
		break;
	case 1:
		vf_emit(g, SIP_OP_STXDW, SIP_REG_FP, 0, -40, 0);
		vf_emit(g, SIP_OP_LDXDW, 3, SIP_REG_FP, -40, 0);
		*out = 3;
		break;
	case 2:	/* what clang emits for an unsigned int */
		vf_emit(g, SIP_OP_LSH64_K, 0, 0, 0, 32);
		vf_emit(g, SIP_OP_RSH64_K, 0, 0, 0, 32);
		break;
	default:
		break;
	}
	g->kind[*out] = K_SCALAR;
}

/*
 * Jumps to the returned jump's target unless @s holds at least @n: the ways
 * a driver writes "if (size < n) skip", in 64 and 32 bits, against an
 * immediate or a register.
 */
static u32 unless_at_least(struct gen *g, u8 s, s32 n)
{
	switch (in_byte(g->in) % 7) {
	case 0:
		return jump(g, SIP_OP_JLE_K, s, 0, n - 1);
	case 1:
		return jump(g, SIP_OP_JLT32_K, s, 0, n);
	case 2:
		vf_emit(g, SIP_OP_MOV64_K, 4, 0, 0, n);
		g->kind[4] = K_SCALAR;
		return jump(g, SIP_OP_JGT_X, 4, s, 0);
	case 3:
		return jump(g, SIP_OP_JSLT_K, s, 0, n);
	default:
		return jump(g, SIP_OP_JLT_K, s, 0, n);
	}
}

/* An offset for an access of @w bytes into @n checked bytes: mostly inside. */
static s16 pick_off(struct gen *g, s32 n, u8 w)
{
	u8 b = in_byte(g->in);

	switch (b % 16) {
	case 0:
		return 0;
	case 1:
		return (s16)(n - w);
	case 15:
		return (s16)(n - w + 1);	/* one past: a refusal */
	default:
		return n > w ? (s16)((b >> 3) % (n - w + 1)) : 0;
	}
}

/* if (size(r) >= n) { accesses, uses } */
static void u_size_check(struct gen *g, u8 r)
{
	s32 n = size_checks[in_byte(g->in) % ARRAY_SIZE(size_checks)];
	u8 s, w = widths[in_byte(g->in) % 4], k, i;
	u32 skip;

	size_of(g, r, &s);
	skip = unless_at_least(g, s, n);
	k = 1 + in_byte(g->in) % 3;
	for (i = 0; i < k && room(g); i++) {
		access(g, r, pick_off(g, n, w), w);
		if (in_byte(g->in) & 1)
			m_use(g, r);
	}
	land(g, skip);
}

/*
 * One register holds the size of @r or, on another path, the size of
 * another block or a plain number; after the join it is checked and @r
 * accessed: only sound if the verifier keeps apart what it was linked to.
 */
static void u_join(struct gen *g, u8 r)
{
	u8 q = other_block(g, r), b = in_byte(g->in), w = widths[b % 4];
	s32 n = size_checks[in_byte(g->in) % ARRAY_SIZE(size_checks)];
	u32 other, joined;

	g->shapes |= 1u << SH_JOIN;
	ctx_scalar(g, 2);
	other = jump(g, (b & 4) ? SIP_OP_JEQ_K : SIP_OP_JGT_K, 2, 0, vf_pick_imm(g));
	vf_emit(g, SIP_OP_MOV64_X, 1, r, 0, 0);
	call(g, SIP_HELPER_block_size);
	joined = jump(g, SIP_OP_JA, 0, 0, 0);
	land(g, other);
	if (q != 0xff && (b & 8)) {
		vf_emit(g, SIP_OP_MOV64_X, 1, q, 0, 0);
		call(g, SIP_HELPER_block_size);
	} else if (b & 16) {
		ctx_scalar(g, 0);
	} else {
		vf_emit(g, SIP_OP_MOV64_K, 0, 0, 0, n + (b >> 6));
	}
	land(g, joined);
	g->kind[0] = K_SCALAR;
	other = unless_at_least(g, 0, n);
	access(g, r, pick_off(g, n, w), w);
	land(g, other);
}

/*
 * A size checked, another helper called (which may take the block back),
 * the size checked again: the second check's failing side must be
 * verified too, since the size may read 0 by then.
 */
static void u_recheck(struct gen *g, u8 r)
{
	s32 n = size_checks[in_byte(g->in) % ARRAY_SIZE(size_checks)];
	u8 s, w = widths[in_byte(g->in) % 4];
	u32 skip, ok;

	g->shapes |= 1u << SH_RECHECK;
	size_of(g, r, &s);
	skip = unless_at_least(g, s, n);
	switch (in_byte(g->in) % 3) {
	case 0:
		call(g, SIP_HELPER_time_ns);
		break;
	case 1:
		m_scope(g, 1);	/* another block, sent */
		break;
	default:
		channel(g);
		vf_emit(g, SIP_OP_MOV64_K, 3, 0, 0, 0);
		vf_emit(g, SIP_OP_MOV64_K, 4, 0, 0, 0);
		vf_emit(g, SIP_OP_MOV64_K, 5, 0, 0, 0);
		call(g, SIP_HELPER_send);
		break;
	}
	size_of(g, r, &s);
	ok = jump(g, SIP_OP_JGE_K, s, 0, n);
	/*
	 * It shrank (taken back): its memory stays until the run ends, so the
	 * bytes checked before are still the run's; past them: a refusal.
	 */
	if (in_byte(g->in) & 1)
		access(g, r, pick_off(g, n, w), w);
	else
		access(g, r, (s16)(n + 8 * (in_byte(g->in) % 64)), w);
	land(g, ok);
	access(g, r, pick_off(g, n, w), w);
	land(g, skip);
}

/* An index the message chooses, masked, into a block checked to be large enough. */
static void u_index(struct gen *g, u8 r)
{
	static const s32 masks[] = { 7, 15, 63, 255 };
	u8 b = in_byte(g->in), w = widths[b % 4];
	s32 mask = masks[(b >> 2) % 4];
	u8 s;
	u32 skip;

	size_of(g, r, &s);
	/* now and then one byte short of the widest access: a refusal */
	skip = unless_at_least(g, s, mask + ((b & 0x70) == 0x70 ? 0 : w));
	ctx_scalar(g, 4);
	vf_emit(g, SIP_OP_AND64_K, 4, 0, 0, mask);
	vf_emit(g, SIP_OP_MOV64_X, 5, r, 0, 0);
	vf_emit(g, SIP_OP_ADD64_X, 5, 4, 0, 0);
	access(g, 5, 0, w);
	land(g, skip);
}

/* The block's pointer copied, moved along, or through the stack. */
static void u_pointer(struct gen *g, u8 r)
{
	u8 b = in_byte(g->in), w = widths[b % 4];

	if (b & 4) {
		vf_emit(g, SIP_OP_STXDW, SIP_REG_FP, r, -32, 0);
		if (b & 8)
			vf_item(g);
		vf_emit(g, SIP_OP_LDXDW, 5, SIP_REG_FP, -32, 0);
	} else {
		vf_emit(g, SIP_OP_MOV64_X, 5, r, 0, 0);
		vf_emit(g, SIP_OP_ADD64_K, 5, 0, 0, (b >> 4) % 8);
	}
	access(g, 5, (s16)((b >> 4) % 8 == 0 ? 0 : -((b >> 4) % 8)), w);
}

/*
 * A length for a copy or a fill: a constant, or a number of the message
 * masked to [0, 15] (the verifier knows its bounds, not its value).
 */
static void copy_len(struct gen *g, u8 dst, u8 c)
{
	if (c & 0x80) {
		ctx_scalar(g, dst);
		vf_emit(g, SIP_OP_AND64_K, dst, 0, 0, 15);
	} else {
		vf_emit(g, SIP_OP_MOV64_K, dst, 0, 0, 1 + (c >> 3) % 16);
	}
}

/* r@dst = the stack at -8 * (1..8): over spills and the block's saved pointer too. */
static void stack_at(struct gen *g, u8 dst, u8 c)
{
	vf_emit(g, SIP_OP_MOV64_X, dst, SIP_REG_FP, 0, 0);
	vf_emit(g, SIP_OP_ADD64_K, dst, 0, 0, -8 * (1 + c % 8) + (c & 0x40 ? 3 : 0));
}

/*
 * Copies and fills: of the stack (which a fill marks written, a copy
 * must find written), of the block at an offset checked when the call
 * runs, of the block itself (only after its size is checked: else a
 * refusal), and of granted memory.
 */
static void u_copy(struct gen *g, u8 r)
{
	u8 c = in_byte(g->in), d = in_byte(g->in);

	switch (c % 8) {
	case 7:
		/* A spill, a fill that may reach into it, the spill read back. */
		if (d & 1) {
			vf_emit(g, SIP_OP_STXDW, SIP_REG_FP, r, -16, 0);
		} else {
			ctx_scalar(g, 2);
			vf_emit(g, SIP_OP_STXDW, SIP_REG_FP, 2, -16, 0);
		}
		/* memset(fp - 24.., c, len) or grant_load(c, fp - 24.., len) */
		vf_emit(g, SIP_OP_MOV64_X, (d & 2) ? 1 : 2, SIP_REG_FP, 0, 0);
		vf_emit(g, SIP_OP_ADD64_K, (d & 2) ? 1 : 2, 0, 0, -24 - (d >> 2) % 4);
		vf_emit(g, SIP_OP_MOV64_K, (d & 2) ? 2 : 1, 0, 0, c);
		copy_len(g, 3, d);
		call(g, (d & 2) ? SIP_HELPER_memset : SIP_HELPER_grant_load);
		vf_emit(g, SIP_OP_LDXDW, 5, SIP_REG_FP, -16, 0);
		if (d & 1)
			access(g, 5, 0, widths[c % 4]);
		break;
	case 0:
		/* memset(stack, c, len), or crc32(c, stack or the block, len) */
		stack_at(g, (c & 8) ? 2 : 1, d);
		if ((c & 8) && (d & 0x20))
			vf_emit(g, SIP_OP_MOV64_X, 2, r, 0, 0);
		vf_emit(g, SIP_OP_MOV64_K, (c & 8) ? 1 : 2, 0, 0, c);
		copy_len(g, 3, d);
		call(g, (c & 8) ? SIP_HELPER_crc32 : SIP_HELPER_memset);
		break;
	case 1:
		stack_at(g, 1, d);
		stack_at(g, 2, d >> 3);
		copy_len(g, 3, c);
		call(g, SIP_HELPER_memcpy);
		break;
	case 2:
		vf_emit(g, SIP_OP_MOV64_X, d & 0x20 ? 1 : 2, r, 0, 0);
		stack_at(g, d & 0x20 ? 2 : 1, d);
		copy_len(g, 3, c);
		call(g, SIP_HELPER_memcpy);
		break;
	case 3:
		vf_emit(g, SIP_OP_MOV64_X, 1, r, 0, 0);
		vf_emit(g, SIP_OP_MOV64_K, 2, 0, 0, (d >> 2) % 64);
		stack_at(g, 3, d);
		copy_len(g, 4, c);
		call(g, (c & 0x10) ? SIP_HELPER_block_read : SIP_HELPER_block_write);
		break;
	case 4:
		vf_emit(g, SIP_OP_MOV64_X, 1, r, 0, 0);
		vf_emit(g, SIP_OP_MOV64_K, 2, 0, 0, d % 32);
		vf_emit(g, SIP_OP_MOV64_X, 3, r, 0, 0);
		vf_emit(g, SIP_OP_MOV64_K, 4, 0, 0, (d >> 5) % 8);
		copy_len(g, 5, c);
		call(g, SIP_HELPER_block_copy);
		break;
	default:
		vf_emit(g, SIP_OP_MOV64_K, 1, 0, 0, 8 * (d % 600));
		stack_at(g, 2, d);
		copy_len(g, 3, c);
		call(g, (c & 0x10) ? SIP_HELPER_grant_load : SIP_HELPER_grant_store);
		break;
	}
}

/* Helpers that read or write the block: sip_log, granted memory, copies. */
static void u_helper(struct gen *g, u8 r)
{
	u8 b = in_byte(g->in);

	if ((b & 0xc1) == 0xc0) {
		u_copy(g, r);
		return;
	}
	if (b & 1) {
		vf_emit(g, SIP_OP_MOV64_X, 1, r, 0, 0);
		vf_emit(g, SIP_OP_MOV64_K, 2, 0, 0, (s32)(b >> 1) % 17);
		call(g, SIP_HELPER_log);
		return;
	}
	vf_emit(g, SIP_OP_MOV64_K, 1, 0, 0, 8 * ((b >> 1) % 8));
	vf_emit(g, SIP_OP_MOV64_X, 2, r, 0, 0);
	vf_emit(g, SIP_OP_MOV64_K, 3, 0, 0, (b >> 4) % 4);
	vf_emit(g, SIP_OP_MOV64_K, 4, 0, 0, 8);
	call(g, (b & 2) ? SIP_HELPER_grant_read : SIP_HELPER_grant_write);
}

/* if (the message says so) sip_abort(code); */
static void m_abort(struct gen *g)
{
	u32 skip;

	g->shapes |= 1u << SH_ABORT;
	ctx_scalar(g, 2);
	skip = jump(g, SIP_OP_JNE_K, 2, 0, vf_pick_imm(g));
	vf_emit(g, SIP_OP_MOV64_K, 1, 0, 0, -(s32)(1 + in_byte(g->in) % 100));
	call(g, SIP_HELPER_abort);
	land(g, skip);
}

/* A load into r0 or a store of a constant, of @width bytes at @r + @off. */
static void access_r0(struct gen *g, u8 r, s16 off, u8 width)
{
	if (in_byte(g->in) & 1)
		vf_emit(g, store_op(width, true), r, 0, off, vf_pick_imm(g));
	else
		vf_emit(g, load_op(width), 0, r, off, 0);
	g->kind[0] = K_SCALAR;
}

/*
 * The length a loop over @r is bounded by, into r2: its size, or
 * msg->block_size (the size of the message's block only: elsewhere, a
 * refusal), read now or through the stack across a helper call.
 */
static void loop_len(struct gen *g, u8 r)
{
	u8 b = in_byte(g->in);

	if (b & 1) {
		g->shapes |= 1u << SH_MSG_SIZE;
		vf_emit(g, (b & 2) ? SIP_OP_LDXW : SIP_OP_LDXDW, 2, CTX, 32, 0);
		if (b & 4) {
			vf_emit(g, SIP_OP_STXDW, SIP_REG_FP, 2, -64, 0);
			call(g, SIP_HELPER_time_ns);
			vf_emit(g, SIP_OP_LDXDW, 2, SIP_REG_FP, -64, 0);
		}
	} else {
		vf_emit(g, SIP_OP_MOV64_X, 1, r, 0, 0);
		call(g, SIP_HELPER_block_size);
		vf_emit(g, SIP_OP_MOV64_X, 2, 0, 0, 0);
	}
	g->kind[2] = K_SCALAR;
}

/* A jump to patch later when @t (a register) is past @len: the ways a driver writes it. */
static u32 jump_past(struct gen *g, u8 t, u8 len)
{
	switch (in_byte(g->in) % 5) {
	case 0:
		return jump(g, SIP_OP_JLT_X, len, t, 0);
	case 1:
		return jump(g, SIP_OP_JGT32_X, t, len, 0);
	case 2:
		return jump(g, SIP_OP_JSGT_X, t, len, 0);
	default:
		return jump(g, SIP_OP_JGT_X, t, len, 0);
	}
}

/*
 * for (i = 0; i + k <= len; i += step) access(r + i, w), now and then
 * leaving early on the data: the index is bounded by the length only
 * (relations). k below w now and then: a refusal.
 */
static void u_len_loop(struct gen *g, u8 r)
{
	static const u8 steps[] = { 1, 2, 4, 8, 16, 3 };
	u8 b = in_byte(g->in), c = in_byte(g->in), w = widths[b % 4], k = w;
	u8 step = steps[(b >> 2) % ARRAY_SIZE(steps)];
	u32 head, out, brk = NO_JUMP;

	g->shapes |= 1u << SH_LEN_LOOP;
	loop_len(g, r);
	if ((b & 0xe0) == 0xe0 && w > 1)
		k = w - 1;		/* one byte short: a refusal */
	vf_emit(g, SIP_OP_MOV64_K, 3, 0, 0, (c & 1) ? 0 : (s32)step);
	head = g->len;
	vf_emit(g, SIP_OP_MOV64_X, 4, 3, 0, 0);
	vf_emit(g, (c & 2) ? SIP_OP_ADD32_K : SIP_OP_ADD64_K, 4, 0, 0, k);
	out = jump_past(g, 4, 2);
	vf_emit(g, SIP_OP_MOV64_X, 5, r, 0, 0);
	vf_emit(g, SIP_OP_ADD64_X, 5, 3, 0, 0);
	access_r0(g, 5, 0, w);
	if (c & 4) {		/* a data-dependent break */
		vf_emit(g, SIP_OP_LDXB, 0, 5, 0, 0);
		brk = jump(g, SIP_OP_JEQ_K, 0, 0, vf_pick_imm(g) & 0xff);
	}
	vf_emit(g, (c & 8) ? SIP_OP_ADD32_K : SIP_OP_ADD64_K, 3, 0, 0, step);
	vf_emit(g, SIP_OP_JA, 0, 0, (s16)(head - g->len - 1), 0);
	land(g, out);
	land(g, brk);
	g->kind[0] = g->kind[3] = g->kind[4] = K_SCALAR;
	g->kind[5] = K_ANY;
}

/*
 * Type-length-value records: "while (off + 2 <= len) { l = b[off + 1];
 * if (off + 2 + l > len) break; b[off + 2 + l - 1]; off += 2 + l; }",
 * now and then reading one byte past what was checked (a refusal).
 */
static void u_tlv(struct gen *g, u8 r)
{
	u8 b = in_byte(g->in);
	u32 head, out, out2;

	g->shapes |= 1u << SH_TLV;
	loop_len(g, r);
	vf_emit(g, SIP_OP_MOV64_K, 3, 0, 0, 0);
	head = g->len;
	vf_emit(g, SIP_OP_MOV64_X, 4, 3, 0, 0);
	vf_emit(g, SIP_OP_ADD64_K, 4, 0, 0, 2);
	out = jump_past(g, 4, 2);
	vf_emit(g, SIP_OP_MOV64_X, 5, r, 0, 0);
	vf_emit(g, SIP_OP_ADD64_X, 5, 3, 0, 0);
	vf_emit(g, SIP_OP_LDXB, 0, 5, (b & 0xf0) == 0xf0 ? 2 : 1, 0);
	vf_emit(g, SIP_OP_ADD64_X, 4, 0, 0, 0);
	out2 = jump_past(g, 4, 2);
	vf_emit(g, SIP_OP_MOV64_X, 5, r, 0, 0);
	vf_emit(g, SIP_OP_ADD64_X, 5, 4, 0, 0);
	vf_emit(g, SIP_OP_LDXB, 0, 5, (b & 0x0f) == 0x0f ? 0 : -1, 0);
	vf_emit(g, SIP_OP_MOV64_X, 3, 4, 0, 0);
	vf_emit(g, SIP_OP_JA, 0, 0, (s16)(head - g->len - 1), 0);
	land(g, out);
	land(g, out2);
	g->kind[0] = g->kind[3] = g->kind[4] = K_SCALAR;
	g->kind[5] = K_ANY;
}

/* if (msg->block_size >= n) access(r, off): right for the message's block only. */
static void u_msg_size(struct gen *g, u8 r)
{
	s32 n = size_checks[in_byte(g->in) % ARRAY_SIZE(size_checks)];
	u8 w = widths[in_byte(g->in) % 4];
	u32 skip;

	g->shapes |= 1u << SH_MSG_SIZE;
	vf_emit(g, SIP_OP_LDXDW, 2, CTX, 32, 0);
	g->kind[2] = K_SCALAR;
	skip = unless_at_least(g, 2, n);
	access_r0(g, r, pick_off(g, n, w), w);
	land(g, skip);
}

/* A use of the held block @r. */
static void m_use(struct gen *g, u8 r)
{
	u8 b = in_byte(g->in);

	if (!room(g))
		return;
	switch (b % 16) {
	case 0:
	case 1:
	case 12:
		u_size_check(g, r);
		break;
	case 13:
		u_len_loop(g, r);
		break;
	case 14:
		u_tlv(g, r);
		break;
	case 15:
		u_msg_size(g, r);
		break;
	case 2:
		u_join(g, r);
		break;
	case 3:
		u_recheck(g, r);
		break;
	case 4:
		u_index(g, r);
		break;
	case 5:
		u_pointer(g, r);
		break;
	case 6:
		u_helper(g, r);
		break;
	case 7:
	case 8:
		m_scope(g, b >> 4);
		break;
	case 9:
		access(g, r, (s16)(in_byte(g->in) % 24), widths[(b >> 4) % 4]);
		break;
	case 10:
		m_abort(g);
		break;
	default:
		vf_item(g);
		break;
	}
}

/*
 * A block's scope: acquired into a free r7-r9, checked for NULL, used,
 * released (@how & 1: by a send).
 */
static void m_scope(struct gen *g, u32 how)
{
	u8 r = free_block_reg(g), b = in_byte(g->in), n, i;
	u32 null;

	if (r == 0xff || g->msg_depth >= MAX_SCOPES || !room(g)) {
		vf_item(g);
		return;
	}
	acquire(g);
	vf_emit(g, SIP_OP_MOV64_X, r, 0, 0, 0);
	g->locked |= 1u << r;
	g->kind[r] = K_BLOCK_NULL;
	null = b % 64 != 63 ? jump(g, SIP_OP_JEQ_K, r, 0, 0) : NO_JUMP;	/* else: a refusal */
	g->kind[r] = K_BLOCK;
	g->msg_depth++;
	n = in_byte(g->in) % 4;
	for (i = 0; i < n; i++)
		m_use(g, r);
	g->msg_depth--;
	if (b % 64 != 62) {	/* else: a leak */
		if (how & 1)
			send_block(g, r);
		else
			release(g, r);
	}
	if (b % 128 == 125)	/* a use after the release: a refusal */
		access(g, r, 0, 1);
	land(g, null);
	g->kind[r] = K_GONE;
	g->locked &= ~(1u << r);
}

/*
 * A loop that allocates and sends (counter in a free r7-r9, or in the
 * stack). In one form the send's result is kept in the stack and tested
 * only in the next iteration, with the block still pending across the
 * back edge: what was sent must follow the result it belongs to.
 */
static void m_loop(struct gen *g)
{
	u8 c = free_block_reg(g), b = in_byte(g->in), n = 1 + in_byte(g->in) % 6, i, k;
	u32 head, j;

	if (c == 0xff || g->loops >= 2 || !room(g)) {
		m_scope(g, 1);
		return;
	}
	g->loops++;
	g->loops_open++;
	vf_emit(g, SIP_OP_MOV64_K, c, 0, 0, n);
	g->locked |= 1u << c;
	g->kind[c] = K_SCALAR;
	head = g->len;
	k = 1 + in_byte(g->in) % 2;
	for (i = 0; i < k; i++) {
		if (b & (1 << i))
			m_scope(g, 1);
		else if (b & 0x10)
			m_abort(g);
		else
			vf_item(g);
	}
	vf_emit(g, SIP_OP_ADD64_K, c, 0, 0, -1);
	j = g->len;
	vf_emit(g, (b & 8) ? SIP_OP_JSGT_K : SIP_OP_JNE_K, c, 0, 0, 0);
	g->insns[j].off = (s16)(head - j - 1);
	g->locked &= ~(1u << c);
	g->kind[c] = K_SCALAR;
	g->loops_open--;
}

/*
 * The loop of the second form: a block sent in one iteration is freed in
 * the next if its send failed, by the result kept in the stack:
 *	*(r10-24) = -1
 * L:	r2 = *(r10-24); if r2 != failed skip; free(previous)
 *	r = alloc; if !r goto out; send(r); *(r10-24) = r0; previous = r
 *	if --c goto L
 */
static void m_loop_pending(struct gen *g)
{
	u8 c = free_block_reg(g), p, n = 1 + in_byte(g->in) % 6, b = in_byte(g->in);
	u32 head, j, skip, out;

	if (c == 0xff || !room(g))
		return;
	g->locked |= 1u << c;
	p = free_block_reg(g);
	if (p == 0xff) {
		g->locked &= ~(1u << c);
		return;
	}
	g->locked |= 1u << p;
	g->shapes |= 1u << SH_PENDING | 1u << SH_LOOP_SEND | 1u << SH_SEND;
	vf_emit(g, SIP_OP_MOV64_K, c, 0, 0, n);
	vf_emit(g, SIP_OP_STDW, SIP_REG_FP, 0, -24, 0);	/* "sent": nothing to free */
	vf_emit(g, SIP_OP_MOV64_K, p, 0, 0, 0);
	head = g->len;
	vf_emit(g, SIP_OP_LDXDW, 2, SIP_REG_FP, -24, 0);
	skip = jump(g, (b & 1) ? SIP_OP_JEQ_K : SIP_OP_JSGE_K, 2, 0, 0);
	vf_emit(g, SIP_OP_MOV64_X, 1, p, 0, 0);
	call(g, SIP_HELPER_block_free);
	land(g, skip);
	vf_emit(g, SIP_OP_MOV64_K, 1, 0, 0, (s32)alloc_sizes[b % 10]);
	call(g, SIP_HELPER_block_alloc);
	vf_emit(g, SIP_OP_MOV64_X, p, 0, 0, 0);
	out = jump(g, SIP_OP_JEQ_K, p, 0, 0);
	if (b & 2)
		vf_emit(g, SIP_OP_STB, p, 0, (s16)(b >> 4) % 2, 1);
	channel(g);
	vf_emit(g, SIP_OP_MOV64_K, 3, 0, 0, 0);
	vf_emit(g, SIP_OP_MOV64_K, 4, 0, 0, 0);
	vf_emit(g, SIP_OP_MOV64_X, 5, p, 0, 0);
	call(g, SIP_HELPER_send);
	narrow_result(g, 0);
	vf_emit(g, SIP_OP_STXDW, SIP_REG_FP, 0, -24, 0);
	if (b & 4)	/* a write into the block whatever the send did: a refusal */
		vf_emit(g, SIP_OP_STB, p, 0, 0, 2);
	vf_emit(g, SIP_OP_ADD64_K, c, 0, 0, -1);
	j = g->len;
	vf_emit(g, SIP_OP_JNE_K, c, 0, 0, 0);
	g->insns[j].off = (s16)(head - j - 1);
	land(g, out);
	/* the last one's fate */
	vf_emit(g, SIP_OP_LDXDW, 2, SIP_REG_FP, -24, 0);
	skip = jump(g, SIP_OP_JEQ_K, 2, 0, 0);
	vf_emit(g, SIP_OP_MOV64_X, 1, p, 0, 0);
	call(g, SIP_HELPER_block_free);
	land(g, skip);
	g->locked &= ~((1u << c) | (1u << p));
	g->kind[c] = K_SCALAR;
	g->kind[p] = K_GONE;
}

void vf_gen_msg(struct gen *g)
{
	u8 r, n;

	g->func = 0;
	g->nr_funcs = 1;
	g->func_start[0] = 0;
	g->no_jumps = true;
	for (r = 0; r < SIP_NR_REGS; r++)
		g->kind[r] = K_NONE;
	g->kind[SIP_REG_FP] = K_STACK;
	vf_emit(g, SIP_OP_MOV64_X, CTX, 1, 0, 0);
	g->kind[1] = g->kind[CTX] = K_CTX;
	g->locked = 1u << CTX;
	for (n = 1 + in_byte(g->in) % 6; n-- && room(g);) {
		u8 b = in_byte(g->in);

		switch (b % 10) {
		case 0:
		case 1:
		case 2:
		case 3:
			m_scope(g, b >> 4);
			break;
		case 4:
			m_loop(g);
			break;
		case 5:
			m_loop_pending(g);
			break;
		case 6:
			m_abort(g);
			break;
		case 7:
			vf_item(g);
			break;
		default:
			m_scope(g, b >> 4);
			break;
		}
	}
	vf_emit(g, SIP_OP_MOV64_K, 0, 0, 0, (s32)(in_byte(g->in) % 3) - 1);
	vf_emit(g, SIP_OP_EXIT, 0, 0, 0, 0);
}
