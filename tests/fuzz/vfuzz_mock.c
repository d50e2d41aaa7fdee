// SPDX-License-Identifier: GPL-2.0
/*
 * The runtime a fuzzed message handler runs against: the helpers of
 * sip/helpers.c, reduced to what the verifier's proof relies
 * on, with failures the input chooses. Allocations and sends fail at the
 * script's rate; a scripted helper call faults (as a contract violation
 * does); the message's block, when lent, is taken back by its lender before
 * a scripted helper call: from then on it reads as size 0, a send of it
 * fails with -ENOENT and a free does nothing, but its memory stays the
 * run's until the run ends (the runtime's rule). A block sent, freed or put
 * in a slot leaves the checked interpreter's regions at once, so any later
 * access faults. A helper given a block the run does not hold, or a block
 * still held when the handler returns, is a finding: the verifier should
 * have refused the program.
 *
 * For the JIT engine's model (vfuzz_jit.c), a fault also sets the halt word
 * the rewritten code tests after each call, and every later helper refuses
 * to act and returns what helpers.c's do then (0, -EPIPE for a send).
 */
#include "vfuzz.h"

#define MAX_SIZE	16384		/* larger allocations fail (as over a quota) */
#define BLOCK_GAP	4096		/* unowned bytes between blocks */
#define ARENA_BYTES	(MOCK_MAX_BLOCKS * (MAX_SIZE + BLOCK_GAP) + (1 << 16))
#define NR_PLACES	2

/* What sipdrv's mock helpers keep of one run. */
static struct {
	const struct mock_setup *ms;
	struct sip_run *run;
	u8 *arena;			/* this place's blocks */
	u64 next;			/* where the next block goes */
	struct sip_msg *ctx;
	struct sip_vblock blocks[MOCK_MAX_BLOCKS];	/* what the oracle sees */
	bool in_hand[MOCK_MAX_BLOCKS];	/* the driver was given its pointer */
	u32 nr_blocks;
	struct sip_region regions[4 + MOCK_MAX_BLOCKS];
	u32 nr_fixed;			/* data and rodata, then the context */
	int slot[MOCK_MAX_SLOTS];	/* a block index, or -1 */
	int msg;			/* the message's block, or -1 */
	bool msg_taken;
	u32 *halt;			/* the JIT's halt word, or NULL */
	bool halted;
	u32 calls;
	u64 rng;
	char why[160];
} m;

static u8 arenas[NR_PLACES][ARENA_BYTES] __attribute__((aligned(4096)));
/* Granted memory: a page, checked at run time as the runtime does; zero at each run. */
static u8 granted[4096];
static struct sip_msg ctxs[NR_PLACES];

/* Exploring past a known bug: SIPDRV_FUZZ_NO_TAKE_BACK=1 keeps every lent block. */
static bool no_take_back;

void vf_mock_init(void)
{
	memset(&m, 0, sizeof(m));
	no_take_back = getenv("SIPDRV_FUZZ_NO_TAKE_BACK");
}

u64 vf_mock_ctx(void)
{
	return (unsigned long)m.ctx;
}

const struct sip_vblock *vf_mock_blocks(u32 *n)
{
	*n = m.nr_blocks;
	return m.blocks;
}

/* The interpreter's regions: fixed ones, and every block whose memory is the driver's now. */
static void update_regions(void)
{
	u32 i, n = m.nr_fixed;

	for (i = 0; i < m.nr_blocks; i++) {
		const struct sip_vblock *b = &m.blocks[i];

		if (!m.in_hand[i] ||
		    (b->state != SIP_VBLOCK_HELD && b->state != SIP_VBLOCK_TAKEN_BACK))
			continue;
		m.regions[n++] = (struct sip_region){ b->start, b->size, true };
	}
	m.run->regions = m.regions;
	m.run->nr_regions = n;
}

static int new_block(u32 size, u32 state)
{
	struct sip_vblock *b;

	if (m.nr_blocks == MOCK_MAX_BLOCKS || m.next + size + BLOCK_GAP > ARENA_BYTES)
		return -1;
	b = &m.blocks[m.nr_blocks];
	b->start = (unsigned long)m.arena + m.next;
	b->size = size;
	b->state = state;
	memset(m.arena + m.next, 0, size);	/* xheap_alloc zeroes */
	m.next += (size + BLOCK_GAP + 15) & ~15ull;
	m.in_hand[m.nr_blocks] = false;
	return (int)m.nr_blocks++;
}

void vf_mock_start(const struct mock_setup *ms, u32 place, struct sip_run *run, u32 *halt)
{
	static const struct mock_setup none;
	u32 i;

	memset(&m, 0, sizeof(m));
	m.ms = ms ? ms : &none;
	m.run = run;
	m.halt = halt;
	if (!ms)
		return;		/* a raw program: only the rewriter's trap */
	memset(granted, 0, sizeof(granted));
	m.arena = arenas[place];
	m.next = place * 0x1230;	/* the other place has other addresses */
	m.ctx = &ctxs[place];
	m.rng = ms->script | 1;
	m.msg = -1;
	for (i = 0; i < run->nr_regions && i < 2; i++)
		m.regions[i] = run->regions[i];
	m.regions[i++] = (struct sip_region){ (unsigned long)m.ctx, sizeof(*m.ctx), false };
	m.nr_fixed = i;
	memset(m.ctx, 0, sizeof(*m.ctx));
	m.ctx->chan = ms->tag % ms->nr_channels;
	m.ctx->tag = ms->tag;
	memcpy(m.ctx->args, ms->args, sizeof(m.ctx->args));
	if (ms->block_size) {
		m.msg = new_block(ms->block_size, SIP_VBLOCK_HELD);
		m.ctx->block_size = ms->block_size;
		memset((void *)(unsigned long)m.blocks[m.msg].start, 0x6b, ms->block_size);
	}
	for (i = 0; i < MOCK_MAX_SLOTS; i++)
		m.slot[i] = i < ms->nr_slots && ms->slot_size[i] ?
			    new_block(ms->slot_size[i], SIP_VBLOCK_GONE) : -1;
	run->args[0] = (unsigned long)m.ctx;
	update_regions();
}

bool vf_mock_halted(void)
{
	return m.halted;
}

/* A helper stops the SIP: the interpreter at once, native code at its halt check. */
static void stop_sip(s32 code)
{
	if (m.halt)
		*m.halt = 1;
	m.halted = true;
	sip_run_abort(code);
}

/* The run breaks a rule the verifier should have enforced: it stops, and it is a finding. */
static u64 broken(const char *what)
{
	if (!m.why[0])
		snprintf(m.why, sizeof(m.why), "helper call %u: %s", m.calls, what);
	stop_sip(-EFAULT);
	return 0;
}

int vf_mock_finish(char *why, u32 size)
{
	u32 i;

	if (!m.why[0] && !m.run->fault.kind) {
		for (i = 0; i < m.nr_blocks; i++)
			if (m.in_hand[i] && m.blocks[i].state == SIP_VBLOCK_HELD)
				snprintf(m.why, sizeof(m.why),
					 "the block at %#llx (%llu bytes) is still held when the handler returns",
					 m.blocks[i].start, m.blocks[i].size);
	}
	snprintf(why, size, "%s", m.why);
	return m.why[0] ? -1 : 0;
}

/* The block the driver's pointer @p names (its start), or -1. */
static int block_at(u64 p)
{
	u32 i;

	for (i = 0; p && i < m.nr_blocks; i++)
		if (m.blocks[i].start == p && m.in_hand[i])
			return (int)i;
	return -1;
}

static bool failing(void)
{
	m.rng ^= m.rng << 13, m.rng ^= m.rng >> 7, m.rng ^= m.rng << 17;
	return (m.rng & 0xff) < m.ms->fail_rate;
}

/* The lender takes the message's block back from whoever has it. */
static void take_back(void)
{
	struct sip_vblock *b;
	u32 i;

	if (m.msg < 0 || !m.ms->lent || no_take_back)
		return;
	b = &m.blocks[m.msg];
	for (i = 0; i < MOCK_MAX_SLOTS; i++)
		if (m.slot[i] == m.msg)
			m.slot[i] = -1;		/* the slot's handle is stale now */
	if (b->state == SIP_VBLOCK_HELD)
		b->state = SIP_VBLOCK_TAKEN_BACK;
	update_regions();
}

/*
 * Every helper first counts its call; the script may act before it: take
 * the message's block back, or stop the SIP as a contract violation would
 * (in a helper that can stop it: not msg_block, chan or time_ns, which the
 * rewriter does not follow with a halt check). False: the SIP is stopped,
 * and the helper returns what helpers.c's do then.
 */
static bool enter_as(bool may_stop)
{
	if (m.halted)
		return false;
	m.calls++;
	if (m.ms->take_back_at == m.calls)
		take_back();
	if (m.ms->abort_at == m.calls && may_stop) {
		stop_sip(-EPROTO);
		return false;
	}
	return true;
}

static bool enter(void)
{
	return enter_as(true);
}

#define HELPER(name) static u64 mock_##name(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
#define UNUSED_ARGS() (void)r1, (void)r2, (void)r3, (void)r4, (void)r5

HELPER(block_alloc)
{
	int b;

	UNUSED_ARGS();
	if (!enter() || !r1 || r1 > MAX_SIZE || failing())
		return 0;
	b = new_block((u32)r1, SIP_VBLOCK_HELD);
	if (b < 0)
		return 0;
	m.in_hand[b] = true;
	update_regions();
	return m.blocks[b].start;
}

HELPER(block_free)
{
	int b;

	UNUSED_ARGS();
	if (!enter() || !r1)
		return 0;
	b = block_at(r1);
	if (b < 0 || m.blocks[b].state == SIP_VBLOCK_SENT || m.blocks[b].state == SIP_VBLOCK_GONE)
		return broken("sip_block_free of a block the run does not hold");
	if (m.blocks[b].state == SIP_VBLOCK_TAKEN_BACK)
		return 0;
	m.blocks[b].state = SIP_VBLOCK_GONE;
	update_regions();
	return 0;
}

HELPER(block_size)
{
	int b;

	UNUSED_ARGS();
	if (!enter())
		return 0;
	b = block_at(r1);
	if (b < 0 || m.blocks[b].state == SIP_VBLOCK_SENT || m.blocks[b].state == SIP_VBLOCK_GONE)
		return broken("sip_block_size of a block the run does not hold");
	return m.blocks[b].state == SIP_VBLOCK_TAKEN_BACK ? 0 : m.blocks[b].size;
}

HELPER(send)
{
	static const int errors[] = { -EAGAIN, -ENOSPC, -EPIPE, -ECONNRESET, -EDQUOT };
	int b = -1;

	UNUSED_ARGS();
	if (!enter())
		return (u64)-EPIPE;
	if (r1 >= m.ms->nr_channels)
		return (u64)-EPIPE;
	if (r5) {
		b = block_at(r5);
		if (b < 0 || m.blocks[b].state == SIP_VBLOCK_SENT ||
		    m.blocks[b].state == SIP_VBLOCK_GONE)
			return broken("sip_send of a block the run does not hold");
		if (m.blocks[b].state == SIP_VBLOCK_TAKEN_BACK)
			return (u64)-ENOENT;
	}
	if (failing())
		return (u64)(s64)errors[m.rng % ARRAY_SIZE(errors)];
	if (b >= 0) {
		m.blocks[b].state = SIP_VBLOCK_SENT;
		update_regions();
	}
	return 0;
}

HELPER(msg_block)
{
	UNUSED_ARGS();
	if (!enter_as(false))
		return 0;
	if (r1 != (unsigned long)m.ctx)
		return broken("sip_msg_block of something else than the context");
	if (m.msg < 0 || m.msg_taken)
		return 0;
	m.msg_taken = true;
	if (m.blocks[m.msg].state == SIP_VBLOCK_GONE)	/* taken back from a slot: cannot be */
		return 0;
	m.in_hand[m.msg] = true;
	update_regions();
	return m.blocks[m.msg].start;
}

HELPER(slot_xchg)
{
	int b = -1, old;

	UNUSED_ARGS();
	if (!enter())
		return 0;
	if (r1 >= m.ms->nr_slots)
		return broken("sip_slot_xchg of a slot the manifest does not declare");
	if (r2) {
		b = block_at(r2);
		if (b < 0 || m.blocks[b].state == SIP_VBLOCK_SENT ||
		    m.blocks[b].state == SIP_VBLOCK_GONE)
			return broken("sip_slot_xchg of a block the run does not hold");
		if (m.blocks[b].state == SIP_VBLOCK_TAKEN_BACK)
			b = -1;		/* gone already: the slot gets nothing */
		else
			m.blocks[b].state = SIP_VBLOCK_GONE;
	}
	old = m.slot[r1];
	m.slot[r1] = b;
	if (old >= 0) {
		m.blocks[old].state = SIP_VBLOCK_HELD;
		m.in_hand[old] = true;
	}
	update_regions();
	return old >= 0 ? m.blocks[old].start : 0;
}

HELPER(chan)
{
	UNUSED_ARGS();
	if (!enter_as(false))
		return 0;
	return r1 < m.ms->nr_channels ? r1 : 0;
}

/* Is [p, p + len) memory the run may read (or write: @write) (its regions, or its stack)? */
static bool reachable(u64 p, u64 len, bool write)
{
	u64 top = (unsigned long)m.run->stack + SIP_RUN_STACK_BYTES;
	u32 i;

	if (p >= (unsigned long)m.run->stack && p < top && len <= top - p)
		return true;
	for (i = 0; i < m.run->nr_regions; i++) {
		const struct sip_region *r = &m.run->regions[i];

		if (p >= r->start && p - r->start < r->size && len <= r->size - (p - r->start) &&
		    (r->writable || !write))
			return true;
	}
	return !len;
}

static bool readable(u64 p, u64 len)
{
	return reachable(p, len, false);
}

HELPER(log)
{
	UNUSED_ARGS();
	if (!enter())
		return 0;
	if (!readable(r1, r2))
		return broken("sip_log of memory the run does not own");
	return r2 < 255 ? r2 : 255;
}

HELPER(time_ns)
{
	UNUSED_ARGS();
	enter_as(false);
	return 1000ull * m.calls;
}

HELPER(abort)
{
	UNUSED_ARGS();
	if (enter())
		stop_sip(r1 ? (s32)r1 : -EFAULT);
	return 0;
}

HELPER(no_resource)
{
	UNUSED_ARGS();
	enter();
	return (u64)-ENODEV;
}

/* The rewriter's trap: the fuel is spent (the SIP stops, rightly). */
HELPER(trap)
{
	UNUSED_ARGS();
	if (enter())
		stop_sip(-EFAULT);
	return 0;
}


static u64 grant_copy(u64 goff, u64 ptr, u64 boff, u64 len, bool to_grant)
{
	int b;

	if (!enter())
		return (u64)-EPERM;
	b = block_at(ptr);
	if (b < 0 || m.blocks[b].state == SIP_VBLOCK_SENT || m.blocks[b].state == SIP_VBLOCK_GONE)
		return broken("granted-memory copy with a block the run does not hold");
	if (m.blocks[b].state == SIP_VBLOCK_TAKEN_BACK)
		return (u64)-ENOENT;
	if (goff > sizeof(granted) || len > sizeof(granted) - goff || boff > m.blocks[b].size ||
	    len > m.blocks[b].size - boff)
		return (u64)-ERANGE;
	if (to_grant)
		memcpy(granted + goff, (u8 *)(unsigned long)ptr + boff, len);
	else
		memcpy((u8 *)(unsigned long)ptr + boff, granted + goff, len);
	return 0;
}

HELPER(grant_read)
{
	UNUSED_ARGS();
	return grant_copy(r1, r2, r3, r4, false);
}

HELPER(grant_write)
{
	UNUSED_ARGS();
	return grant_copy(r1, r2, r3, r4, true);
}

/* The copies and fills of memory the verifier proved (helpers.c's rules). */
HELPER(memcpy)
{
	UNUSED_ARGS();
	if (!enter())
		return (u64)-EPERM;
	if (r3 > SIP_MEM_ARG_MAX || !reachable(r1, r3, true) || !readable(r2, r3))
		return broken("sip_memcpy of memory the run does not own");
	memmove((void *)(unsigned long)r1, (void *)(unsigned long)r2, r3);
	return 0;
}

HELPER(memset)
{
	UNUSED_ARGS();
	if (!enter())
		return (u64)-EPERM;
	if (r3 > SIP_MEM_ARG_MAX || !reachable(r1, r3, true))
		return broken("sip_memset of memory the run does not own");
	memset((void *)(unsigned long)r1, (u8)r2, r3);
	return 0;
}

/* A block the run holds, for a copy at a checked offset: its index, -1 taken back, -2 broken. */
static int copy_block(u64 p)
{
	int b = block_at(p);

	if (b < 0 || m.blocks[b].state == SIP_VBLOCK_SENT || m.blocks[b].state == SIP_VBLOCK_GONE) {
		broken("a copy with a block the run does not hold");
		return -2;
	}
	return m.blocks[b].state == SIP_VBLOCK_TAKEN_BACK ? -1 : b;
}

static bool inside(u64 off, u64 len, u64 size)
{
	return off <= size && len <= size - off;
}

HELPER(block_read)
{
	int b;

	UNUSED_ARGS();
	if (!enter())
		return (u64)-EPERM;
	if (r4 > SIP_MEM_ARG_MAX || !reachable(r3, r4, true))
		return broken("sip_block_read into memory the run does not own");
	b = copy_block(r1);
	if (b >= 0 && inside(r2, r4, m.blocks[b].size)) {
		memmove((void *)(unsigned long)r3, (u8 *)(unsigned long)r1 + r2, r4);
		return 0;
	}
	memset((void *)(unsigned long)r3, 0, r4);	/* written whatever happens */
	return b == -2 ? 0 : b == -1 ? (u64)-ENOENT : (u64)-ERANGE;
}

HELPER(block_write)
{
	int b;

	UNUSED_ARGS();
	if (!enter())
		return (u64)-EPERM;
	if (r4 > SIP_MEM_ARG_MAX || !readable(r3, r4))
		return broken("sip_block_write from memory the run does not own");
	b = copy_block(r1);
	if (b < 0)
		return b == -1 ? (u64)-ENOENT : 0;
	if (!inside(r2, r4, m.blocks[b].size))
		return (u64)-ERANGE;
	memmove((u8 *)(unsigned long)r1 + r2, (void *)(unsigned long)r3, r4);
	return 0;
}

HELPER(block_copy)
{
	int d, s;

	UNUSED_ARGS();
	if (!enter())
		return (u64)-EPERM;
	d = copy_block(r1);
	if (d < 0)
		return d == -1 ? (u64)-ENOENT : 0;
	s = copy_block(r3);
	if (s < 0)
		return s == -1 ? (u64)-ENOENT : 0;
	if (!inside(r2, r5, m.blocks[d].size) || !inside(r4, r5, m.blocks[s].size))
		return (u64)-ERANGE;
	memmove((u8 *)(unsigned long)r1 + r2, (u8 *)(unsigned long)r3 + r4, r5);
	return 0;
}

HELPER(grant_load)
{
	UNUSED_ARGS();
	if (!enter())
		return (u64)-EPERM;
	if (r3 > SIP_MEM_ARG_MAX || !reachable(r2, r3, true))
		return broken("sip_grant_load into memory the run does not own");
	if (!inside(r1, r3, sizeof(granted))) {
		memset((void *)(unsigned long)r2, 0, r3);
		return (u64)-ERANGE;
	}
	memcpy((void *)(unsigned long)r2, granted + r1, r3);
	return 0;
}

HELPER(grant_store)
{
	UNUSED_ARGS();
	if (!enter())
		return (u64)-EPERM;
	if (r3 > SIP_MEM_ARG_MAX || !readable(r2, r3))
		return broken("sip_grant_store from memory the run does not own");
	if (!inside(r1, r3, sizeof(granted)))
		return (u64)-ERANGE;
	memcpy(granted + r1, (void *)(unsigned long)r2, r3);
	return 0;
}

HELPER(crc32)
{
	UNUSED_ARGS();
	if (!enter())
		return 0;
	if (r3 > SIP_MEM_ARG_MAX || !readable(r2, r3))
		return broken("sip_crc32 of memory the run does not own");
	return sip_crc32((u32)r1, (void *)(unsigned long)r2, r3);
}

/* The fuzzer's programs have no format the verifier could parse: never accepted. */
HELPER(printk)
{
	UNUSED_ARGS();
	if (!enter())
		return 0;
	return broken("sip_printk: the verifier cannot have checked a format");
}

HELPER(grant)
{
	UNUSED_ARGS();
	return broken("sip_grant outside init");
}

#define mock_io_read mock_no_resource
#define mock_io_write mock_no_resource
#define mock_irq_ack mock_no_resource
#define mock_dma_addr mock_no_resource

/* Indexed by helper number; the trap right after the last one (as helpers.c's). */
static const sip_helper_fn mock_fns[SIP_HELPER__END + 1] = {
#define FN(nr, name, ...) [nr] = mock_##name,
	SIP_HELPERS(FN)
#undef FN
	[SIP_HELPER__END] = mock_trap,
};

static const struct sip_helper_table mock_table = { mock_fns, SIP_HELPER__END + 1 };

const struct sip_helper_table *vf_mock_helpers(void)
{
	return &mock_table;
}
