// SPDX-License-Identifier: GPL-2.0
/*
 * The state-embedding oracle (verifier/vembed.h): a verified program's runs
 * stay inside the states the verifier recorded, and a concrete state that
 * is not, for each kind of fact (a scalar's bounds, a stack byte never
 * written, an instruction never reached, a pointer's region, a block's
 * size, linked scalars), is caught with the reason.
 */
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"
#include "asm.h"
#include "interp.h"
#include "vembed.h"

static u64 stack[SIP_RUN_STACK_BYTES / 8];

struct oracle {
	struct sip_vprog prog;
	struct sip_insn *insns;
	struct sip_vembed *e;
	char why[1024];
	u32 steps, fail_pc;
};

/* Assembles and verifies @text as a raw program, recording its states. */
static int oracle_new(struct oracle *o, const char *text, u32 kind)
{
	struct sip_verify_opts opts = { 0 };
	struct sip_asm_error err;
	struct sip_diag diag;

	memset(o, 0, sizeof(*o));
	if (sip_asm(text, &o->insns, &o->prog.len, &err))
		return -1;
	o->prog.insns = o->insns;
	o->prog.kind = kind;
	o->prog.nr_slots = 1;
	o->prog.nr_channels = 1;
	o->e = sip_vembed_new(&o->prog);
	opts.record = sip_vembed_record;
	opts.record_cookie = o->e;
	return sip_verify(&o->prog, &opts, NULL, &diag);
}

static void oracle_free(struct oracle *o)
{
	sip_vembed_free(o->e);
	free(o->insns);
}

static int step(void *cookie, const struct sip_step *s)
{
	struct oracle *o = cookie;
	struct sip_vcaller callers[SIP_MAX_CALL_DEPTH];
	struct sip_vconcrete c = {
		.pc = s->pc, .depth = s->depth, .regs = s->regs, .callers = callers,
		.stack_top = s->stack_top,
	};
	u32 i;

	for (i = 0; i < s->depth; i++) {
		memcpy(callers[i].saved, s->frames[i].saved, sizeof(callers[i].saved));
		callers[i].ret = s->frames[i].ret;
	}
	o->steps++;
	o->fail_pc = s->pc;
	return sip_vembed_step(o->e, &c, o->why, sizeof(o->why));
}

/* Runs the program with r1 = @r1 under the oracle; the run's status. */
static int oracle_run(struct oracle *o, u64 r1)
{
	struct sip_run run = { .args = { r1 }, .stack = stack, .step = step, .step_cookie = o };
	struct sip_prog *prog;
	struct sip_diag diag;
	int ret;

	if (sip_prog_load(o->insns, o->prog.len, NULL, &prog, &diag))
		return -ENOEXEC;
	sip_vembed_run_start(o->e);
	ret = sip_interp_run_checked(prog, &run);
	sip_prog_free(prog);
	return ret ? run.fault.kind : 0;
}

/* Loops, local calls, spills and fills, narrowing pairs: every state inside. */
TEST(runs_stay_inside)
{
	struct oracle o;
	u64 r1;

	ASSERT_EQ(0, oracle_new(&o,
		"	mov %r6, %r1\n"
		"	and %r6, 15\n"
		"	stxdw [%r10-8], %r6\n"
		"	mov %r7, 0\n"
		"loop:	add %r7, 3\n"
		"	lsh %r7, 32\n"
		"	rsh %r7, 32\n"
		"	mov %r1, %r7\n"
		"	call local f\n"
		"	ldxdw %r2, [%r10-8]\n"
		"	jlt %r7, %r2, loop\n"
		"	mov %r0, %r7\n"
		"	exit\n"
		"f:	stb [%r10-1], 5\n"
		"	ldxb %r0, [%r10-1]\n"
		"	add %r0, %r1\n"
		"	exit\n", SIP_VKIND_RAW));
	for (r1 = 0; r1 < 40; r1 += 3) {
		EXPECT_EQ(0, oracle_run(&o, r1)) TH_LOG("r1 %llu, insn %u: %s", r1, o.fail_pc, o.why);
	}
	EXPECT_LT(20, o.steps);
	oracle_free(&o);
}

/* The checker on a concrete state made by hand, against one recorded state. */
static int judge(struct oracle *o, u32 pc, const u64 *regs, u64 top)
{
	struct sip_vconcrete c = { .pc = pc, .regs = regs, .stack_top = top };

	return sip_vembed_step(o->e, &c, o->why, sizeof(o->why));
}

TEST(scalar_out_of_bounds)
{
	struct oracle o;
	u64 regs[12] = { 0 }, top = (unsigned long)stack + sizeof(stack);

	ASSERT_EQ(0, oracle_new(&o, "mov %r0, %r1\nand %r0, 7\nexit\n", SIP_VKIND_RAW));
	regs[0] = 5;
	regs[10] = top;
	EXPECT_EQ(0, judge(&o, 2, regs, top));
	regs[0] = 9;
	EXPECT_EQ(-EINVAL, judge(&o, 2, regs, top));
	EXPECT_NE(NULL, strstr(o.why, "frame 0 r0: 0x9 is not in")) TH_LOG("%s", o.why);
	regs[0] = 5;
	regs[10] = top - 8;	/* r10 is not the frame's */
	EXPECT_EQ(-EINVAL, judge(&o, 2, regs, top));
	EXPECT_NE(NULL, strstr(o.why, "frame 0 r10")) TH_LOG("%s", o.why);
	oracle_free(&o);
}

TEST(stack_never_written)
{
	struct oracle o;
	u64 regs[12] = { 0 }, top = (unsigned long)stack + sizeof(stack);

	ASSERT_EQ(0, oracle_new(&o, "stdw [%r10-8], 1\nldxdw %r0, [%r10-8]\nexit\n",
				SIP_VKIND_RAW));
	regs[10] = top;
	sip_vembed_run_start(o.e);
	/* As if the store at 0 had not run: its bytes are not written. */
	EXPECT_EQ(-EINVAL, judge(&o, 1, regs, top));
	EXPECT_NE(NULL, strstr(o.why, "was never written")) TH_LOG("%s", o.why);
	sip_vembed_run_start(o.e);
	EXPECT_EQ(0, judge(&o, 0, regs, top));	/* notes the store */
	stack[ARRAY_SIZE(stack) - 1] = 1;
	EXPECT_EQ(0, judge(&o, 1, regs, top)) TH_LOG("%s", o.why);
	stack[ARRAY_SIZE(stack) - 1] = 2;	/* the spilled constant is 1 */
	EXPECT_EQ(-EINVAL, judge(&o, 1, regs, top));
	oracle_free(&o);
}

TEST(never_reached)
{
	struct oracle o;

	/* r1 & 1 is never 2: the verifier never explores the mov at 3. */
	ASSERT_EQ(0, oracle_new(&o, "mov %r0, %r1\nand %r0, 1\njne %r0, 2, +1\nmov %r0, 5\nexit\n",
				SIP_VKIND_RAW));
	EXPECT_FALSE(sip_vembed_reached(o.e, 3));
	EXPECT_TRUE(sip_vembed_reached(o.e, 4));
	oracle_free(&o);
}

/* Linked scalars hold one value; a block's pointer and size are the block's. */
TEST(links_and_blocks)
{
	struct oracle o;
	static u8 blk[64];
	u64 regs[12] = { 0 }, top = (unsigned long)stack + sizeof(stack), ctx = 0x1000;
	struct sip_vblock b = { (unsigned long)blk, 16, SIP_VBLOCK_HELD };
	struct sip_vconcrete c = { .regs = regs, .stack_top = top, .ctx = ctx };

	ASSERT_EQ(0, oracle_new(&o,
		"	mov %r6, %r1\n"
		"	mov %r1, 16\n"
		"	call 1\n"
		"	jeq %r0, 0, out\n"
		"	mov %r7, %r0\n"
		"	mov %r1, %r0\n"
		"	call 3\n"
		"	mov %r8, %r0\n"
		"	stb [%r7+15], 1\n"		/* pc 8 */
		"	mov %r1, %r7\n"
		"	call 2\n"
		"out:	mov %r0, 0\n"
		"	exit\n", SIP_ENTRY_MSG));
	regs[6] = ctx;
	regs[7] = (unsigned long)blk;
	regs[0] = regs[8] = 16;
	regs[10] = top;
	c.pc = 8;
	c.blocks = &b;
	c.nr_blocks = 1;
	EXPECT_EQ(0, sip_vembed_step(o.e, &c, o.why, sizeof(o.why))) TH_LOG("%s", o.why);
	regs[8] = 17;		/* no longer the size r0 holds */
	EXPECT_EQ(-EINVAL, sip_vembed_step(o.e, &c, o.why, sizeof(o.why)));
	EXPECT_NE(NULL, strstr(o.why, "shares id")) TH_LOG("%s", o.why);
	regs[8] = 16;
	b.size = 15;		/* fewer bytes than alloc(16) promised */
	EXPECT_EQ(-EINVAL, sip_vembed_step(o.e, &c, o.why, sizeof(o.why)));
	EXPECT_NE(NULL, strstr(o.why, "no block the run has fits")) TH_LOG("%s", o.why);
	b.size = 16;
	b.state = SIP_VBLOCK_SENT;	/* the run does not hold it */
	EXPECT_EQ(-EINVAL, sip_vembed_step(o.e, &c, o.why, sizeof(o.why)));
	EXPECT_NE(NULL, strstr(o.why, "not in a block the run holds")) TH_LOG("%s", o.why);
	oracle_free(&o);
}

TEST_HARNESS_MAIN
