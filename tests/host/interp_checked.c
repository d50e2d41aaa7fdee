// SPDX-License-Identifier: GPL-2.0
/*
 * The interpreter's checked mode stops every access outside the stack's live
 * frames and the registered regions with the right fault, shows every state
 * to its step hook, and both modes agree on the run-time limits (call
 * depth, helpers, aborts).
 */
#include <string.h>

#include "kselftest_harness.h"
#include "interp.h"

#define INSN(c, d, s, o, i) { .code = (c), .dst = (d), .src = (s), .off = (o), .imm = (i) }
#define MOV_K(d, i) INSN(SIP_ALU64 | SIP_K | SIP_MOV, d, 0, 0, i)
#define LDXDW(d, s, o) INSN(SIP_LDX | SIP_MEM | SIP_DW, d, s, o, 0)
#define STXDW(d, s, o) INSN(SIP_STX | SIP_MEM | SIP_DW, d, s, o, 0)
#define STB(d, o, i) INSN(SIP_ST | SIP_MEM | SIP_B, d, 0, o, i)
#define EXIT INSN(SIP_JMP | SIP_EXIT, 0, 0, 0, 0)

static u64 stack[SIP_RUN_STACK_BYTES / 8];
static u8 buf[64];

struct result {
	int ret;
	struct sip_run run;
};

static struct result run_prog(const struct sip_insn *insns, u32 len, bool checked,
			      const struct sip_helper_table *helpers, bool writable)
{
	struct sip_region region = { (unsigned long)buf, sizeof(buf), writable };
	struct result res = { 0 };
	struct sip_prog *prog;
	struct sip_diag diag;

	res.run.args[0] = (unsigned long)buf;
	res.run.args[1] = sizeof(buf);
	res.run.stack = stack;
	res.run.regions = &region;
	res.run.nr_regions = 1;
	res.ret = sip_prog_load(insns, len, helpers, &prog, &diag);
	if (res.ret)
		return res;
	res.ret = checked ? sip_interp_run_checked(prog, &res.run) : sip_interp_run(prog, &res.run);
	sip_prog_free(prog);
	return res;
}

#define RUN(prog, checked) run_prog(prog, sizeof(prog) / sizeof(prog[0]), checked, NULL, true)

TEST(load_inside_region)
{
	const struct sip_insn p[] = { LDXDW(0, 1, 56), EXIT };
	struct result r;

	memset(buf, 0, sizeof(buf));
	buf[56] = 7;
	r = RUN(p, true);
	ASSERT_EQ(0, r.ret);
	EXPECT_EQ(7, r.run.r0);
	EXPECT_EQ(2, r.run.executed);
}

TEST(load_one_byte_past_region)
{
	const struct sip_insn p[] = { LDXDW(0, 1, 57), EXIT };
	struct result r = RUN(p, true);

	ASSERT_EQ(-EFAULT, r.ret);
	EXPECT_EQ(SIP_FAULT_MEM, r.run.fault.kind);
	EXPECT_EQ(0, r.run.fault.insn);
	EXPECT_EQ((unsigned long)buf + 57, r.run.fault.addr);
	EXPECT_EQ(8, r.run.fault.size);
}

TEST(load_before_region)
{
	const struct sip_insn p[] = { LDXDW(0, 1, -1), EXIT };
	struct result r = RUN(p, true);

	ASSERT_EQ(-EFAULT, r.ret);
	EXPECT_EQ(SIP_FAULT_MEM, r.run.fault.kind);
}

TEST(store_to_readonly_region)
{
	const struct sip_insn p[] = { STB(1, 0, 1), MOV_K(0, 0), EXIT };
	struct result r = run_prog(p, 3, true, NULL, false);

	ASSERT_EQ(-EFAULT, r.ret);
	EXPECT_EQ(SIP_FAULT_READONLY, r.run.fault.kind);
}

TEST(stack_frame_bounds)
{
	const struct sip_insn ok[] = { STXDW(10, 1, -512), LDXDW(0, 10, -512), EXIT };
	const struct sip_insn below[] = { STXDW(10, 1, -520), MOV_K(0, 0), EXIT };
	const struct sip_insn above[] = { LDXDW(0, 10, 0), EXIT };
	struct result r;

	r = RUN(ok, true);
	ASSERT_EQ(0, r.ret);
	EXPECT_EQ((unsigned long)buf, r.run.r0);
	r = RUN(below, true);
	EXPECT_EQ(SIP_FAULT_MEM, r.run.fault.kind);
	r = RUN(above, true);
	EXPECT_EQ(SIP_FAULT_MEM, r.run.fault.kind);
}

/* A callee may use its caller's frame through a pointer, but nothing deeper. */
TEST(callee_frames)
{
	const struct sip_insn p[] = {
		STB(10, -8, 42),
		MOV_K(1, 0),
		INSN(SIP_ALU64 | SIP_X | SIP_MOV, 1, 10, 0, 0),
		INSN(SIP_JMP | SIP_CALL, 0, SIP_CALL_LOCAL, 0, 1),
		EXIT,
		/* callee: r0 = caller's byte at r1 - 8 */
		INSN(SIP_LDX | SIP_MEM | SIP_B, 0, 1, -8, 0),
		EXIT,
	};
	struct result r = RUN(p, true);

	ASSERT_EQ(0, r.ret);
	EXPECT_EQ(42, r.run.r0);
}

TEST(misaligned_atomic)
{
	const struct sip_insn p[] = {
		MOV_K(2, 1),
		INSN(SIP_STX | SIP_ATOMIC | SIP_DW, 1, 2, 4, SIP_ADD),
		MOV_K(0, 0), EXIT,
	};
	struct result r = RUN(p, true);

	ASSERT_EQ(-EFAULT, r.ret);
	EXPECT_EQ(SIP_FAULT_ALIGN, r.run.fault.kind);
	EXPECT_EQ(1, r.run.fault.insn);
}

TEST(call_depth_limit)
{
	const struct sip_insn p[] = { INSN(SIP_JMP | SIP_CALL, 0, SIP_CALL_LOCAL, 0, -1), EXIT };
	struct result r;

	r = RUN(p, false);
	ASSERT_EQ(-EFAULT, r.ret);
	EXPECT_EQ(SIP_FAULT_CALL_DEPTH, r.run.fault.kind);
	r = RUN(p, true);
	EXPECT_EQ(SIP_FAULT_CALL_DEPTH, r.run.fault.kind);
	EXPECT_EQ(SIP_MAX_CALL_DEPTH, r.run.executed);
}

static u64 helper_add(u64 a, u64 b, u64 c, u64 d, u64 e)
{
	return a + b + c + d + e;
}

static u64 helper_abort(u64 a, u64 b, u64 c, u64 d, u64 e)
{
	(void)b, (void)c, (void)d, (void)e;
	sip_run_abort((s32)a);
	return 0;
}

static const sip_helper_fn fns[] = { [1] = helper_add, [3] = helper_abort };
static const struct sip_helper_table helpers = { fns, 4 };

TEST(helpers_by_number_and_register)
{
	const struct sip_insn p[] = {
		MOV_K(1, 1), MOV_K(2, 2), MOV_K(3, 3), MOV_K(4, 4), MOV_K(5, 5),
		INSN(SIP_JMP | SIP_CALL, 0, 0, 0, 1),
		INSN(SIP_ALU64 | SIP_X | SIP_MOV, 1, 0, 0, 0),	/* r1 = 15 */
		MOV_K(6, 1),
		INSN(SIP_JMP | SIP_X | SIP_CALL, 6, 0, 0, 0),	/* helper r6 = 1 */
		EXIT,
	};
	struct result r = run_prog(p, 10, false, &helpers, true);

	ASSERT_EQ(0, r.ret);
	EXPECT_EQ(15 + 2 + 3 + 4 + 5, r.run.r0);
}

TEST(unknown_helper_refused_at_load)
{
	const struct sip_insn p[] = { INSN(SIP_JMP | SIP_CALL, 0, 0, 0, 2), EXIT };
	struct sip_prog *prog;
	struct sip_diag diag;

	ASSERT_EQ(-EINVAL, sip_prog_load(p, 2, &helpers, &prog, &diag));
	EXPECT_EQ(0, diag.insn);
	EXPECT_STREQ("call to unknown helper 2", diag.msg);
}

TEST(unknown_helper_through_register_faults)
{
	const struct sip_insn p[] = { MOV_K(6, 2), INSN(SIP_JMP | SIP_X | SIP_CALL, 6, 0, 0, 0), EXIT };
	struct result r = run_prog(p, 3, false, &helpers, true);

	ASSERT_EQ(-EFAULT, r.ret);
	EXPECT_EQ(SIP_FAULT_HELPER, r.run.fault.kind);
	EXPECT_EQ(2, r.run.fault.addr);
}

TEST(helper_abort_faults_with_its_code)
{
	const struct sip_insn p[] = {
		MOV_K(1, -5), INSN(SIP_JMP | SIP_CALL, 0, 0, 0, 3), MOV_K(0, 9), EXIT,
	};
	struct result r = run_prog(p, 4, false, &helpers, true);

	ASSERT_EQ(-EFAULT, r.ret);
	EXPECT_EQ(SIP_FAULT_ABORT, r.run.fault.kind);
	EXPECT_EQ(-5, r.run.fault.code);
	EXPECT_EQ(1, r.run.fault.insn);
}

/* What a step hook saw: each instruction once, before it ran, with its frames. */
struct steps {
	u32 pcs[16], depth[16], ret[16], n;
	u64 r0[16];
	u32 stop_at;
};

static int note_step(void *cookie, const struct sip_step *s)
{
	struct steps *st = cookie;

	if (st->n < 16) {
		st->pcs[st->n] = s->pc;
		st->depth[st->n] = s->depth;
		st->ret[st->n] = s->depth ? s->frames[s->depth - 1].ret : 0;
		st->r0[st->n++] = s->regs[0];
	}
	return s->pc == st->stop_at;
}

TEST(step_hook_sees_every_state)
{
	const struct sip_insn p[] = {
		MOV_K(0, 7),
		INSN(SIP_JMP | SIP_CALL, 0, SIP_CALL_LOCAL, 0, 1),
		EXIT,
		MOV_K(0, 9),	/* the callee */
		EXIT,
	};
	struct steps st = { .stop_at = ~0u };
	struct sip_prog *prog;
	struct sip_diag diag;
	struct sip_run run = { .stack = stack, .step = note_step, .step_cookie = &st };

	ASSERT_EQ(0, sip_prog_load(p, 5, NULL, &prog, &diag));
	ASSERT_EQ(0, sip_interp_run_checked(prog, &run));
	ASSERT_EQ(5, st.n);
	EXPECT_EQ(0, st.pcs[0]);
	EXPECT_EQ(0, st.r0[0]);		/* before mov r0, 7 ran */
	EXPECT_EQ(1, st.pcs[1]);
	EXPECT_EQ(7, st.r0[1]);
	EXPECT_EQ(3, st.pcs[2]);	/* in the callee: one frame below, back at 2 */
	EXPECT_EQ(1, st.depth[2]);
	EXPECT_EQ(2, st.ret[2]);
	EXPECT_EQ(4, st.pcs[3]);
	EXPECT_EQ(2, st.pcs[4]);
	EXPECT_EQ(0, st.depth[4]);
	EXPECT_EQ(9, run.r0);

	/* A hook that says stop: the instruction does not run. */
	memset(&st, 0, sizeof(st));
	st.stop_at = 3;
	memset(&run, 0, sizeof(run));
	run.stack = stack;
	run.step = note_step;
	run.step_cookie = &st;
	ASSERT_EQ(-EFAULT, sip_interp_run_checked(prog, &run));
	EXPECT_EQ(SIP_FAULT_STEP, run.fault.kind);
	EXPECT_EQ(3, run.fault.insn);
	EXPECT_EQ(7, run.r0);

	/* The fast mode has no hook. */
	memset(&st, 0, sizeof(st));
	memset(&run, 0, sizeof(run));
	run.stack = stack;
	run.step = note_step;
	run.step_cookie = &st;
	ASSERT_EQ(0, sip_interp_run(prog, &run));
	EXPECT_EQ(0, st.n);
	sip_prog_free(prog);
}

/* Run-on mode (native code's model): the abort is noted, and the run goes on. */
TEST(helper_abort_runs_on_when_asked)
{
	const struct sip_insn p[] = {
		MOV_K(1, -5), INSN(SIP_JMP | SIP_CALL, 0, 0, 0, 3),
		MOV_K(1, -6), INSN(SIP_JMP | SIP_CALL, 0, 0, 0, 3),
		MOV_K(0, 9), EXIT,
	};
	struct sip_run run = { .stack = stack, .run_on = true };
	struct sip_prog *prog;
	struct sip_diag diag;

	ASSERT_EQ(0, sip_prog_load(p, 6, &helpers, &prog, &diag));
	ASSERT_EQ(0, sip_interp_run_checked(prog, &run));
	EXPECT_EQ(9, run.r0);
	EXPECT_EQ(SIP_FAULT_ABORT, run.fault.kind);
	EXPECT_EQ(-5, run.fault.code);	/* the first */
	EXPECT_EQ(1, run.fault.insn);
	sip_prog_free(prog);
}

TEST(structural_errors)
{
	const struct sip_insn fallthrough[] = { MOV_K(0, 0) };
	const struct sip_insn into_lddw[] = {
		INSN(SIP_JMP | SIP_JA, 0, 0, 1, 0),
		INSN(SIP_LD | SIP_IMM | SIP_DW, 0, 0, 0, 1), INSN(0, 0, 0, 0, 0),
		EXIT,
	};
	const struct sip_insn out_of_range[] = { INSN(SIP_JMP | SIP_JA, 0, 0, 5, 0), EXIT };
	const struct sip_insn bad_reg[] = { MOV_K(11, 0), EXIT };
	struct sip_diag diag;

	EXPECT_EQ(-EINVAL, sip_prog_check(fallthrough, 1, &diag));
	EXPECT_STREQ("mov: the last instruction falls through past the end", diag.msg);
	EXPECT_EQ(-EINVAL, sip_prog_check(into_lddw, 4, &diag));
	EXPECT_STREQ("ja: target 2 is the middle of lddw", diag.msg);
	EXPECT_EQ(-EINVAL, sip_prog_check(out_of_range, 2, &diag));
	EXPECT_STREQ("ja: target 6 is outside the program (0..1)", diag.msg);
	EXPECT_EQ(-EINVAL, sip_prog_check(bad_reg, 2, &diag));
	EXPECT_STREQ("mov: invalid register r11", diag.msg);
	EXPECT_EQ(-EINVAL, sip_prog_check(NULL, 0, &diag));
	EXPECT_STREQ("empty program", diag.msg);
}

TEST_HARNESS_MAIN
