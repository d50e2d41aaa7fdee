// SPDX-License-Identifier: GPL-2.0
/*
 * The rewriter: its output verifies again (SIP_VF_REWRITTEN), computes what
 * the original computed, and stops every loop when the fuel is spent, in
 * the function that loops or in its callers, counting exactly (a backward
 * jump charges the instructions from its target to its function's end, a
 * local call its callee's code); with SIP_RW_HALT_CHECK no instruction of
 * the program runs after a helper has set the halt word. Also every
 * bytecode.tsv program the verifier accepts as a raw program gives the same
 * result rewritten, with and without the hidden r11 slot.
 */
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"
#include <sipdrv/abi.h>
#include "asm.h"
#include "bytecode_tsv.h"
#include "interp.h"
#include "rewrite.h"
#include "verifier.h"

static u64 trap_helper(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
{
	(void)r2, (void)r3, (void)r4, (void)r5;
	sip_run_abort((s32)r1);
	return 0;
}

static const sip_helper_fn fns[] = { [1] = trap_helper };
static const struct sip_helper_table helpers = { fns, 2 };

/* The interpreter's encoding here: the trap is helper 1. */
static s64 encode(void *cookie, u32 nr)
{
	(void)cookie;
	return nr == SIP_HELPER_TRAP ? 1 : -1;
}

struct outcome {
	int ret;		/* of the run */
	u64 r0;
	u32 fault;
	s32 code;
};

static u64 stack[SIP_RUN_STACK_BYTES / 8];

static struct outcome run(const struct sip_insn *insns, u32 len, u32 load_flags, bool checked,
			  bool hidden)
{
	struct outcome o = { 0 };
	struct sip_run r = { .stack = stack, .budget = 1000000, .hidden_slot = hidden };
	struct sip_prog *prog;
	struct sip_diag diag;

	o.ret = sip_prog_load_flags(insns, len, load_flags, &helpers, &prog, &diag);
	if (o.ret)
		return o;
	o.ret = checked ? sip_interp_run_checked(prog, &r) : sip_interp_run(prog, &r);
	o.r0 = r.r0;
	o.fault = r.fault.kind;
	o.code = r.fault.code;
	sip_prog_free(prog);
	return o;
}

static int verify_raw(const struct sip_insn *insns, u32 len, u32 flags, struct sip_diag *diag)
{
	struct sip_vprog p = { .insns = insns, .len = len, .kind = SIP_VKIND_RAW, .flags = flags };

	return sip_verify(&p, NULL, NULL, diag);
}

/* Rewrites @insns with @fuel, checks the output verifies, runs it. */
static struct outcome rewrite_run(struct __test_metadata *_metadata, const struct sip_insn *insns,
				  u32 len, u64 fuel, u32 rw_flags)
{
	struct sip_rewrite_opts opts = { .fuel = fuel, .flags = rw_flags };
	struct outcome o = { .ret = -1 };
	struct sip_insn *out;
	struct sip_diag diag;
	u32 out_len;

	EXPECT_EQ(0, sip_rewrite(insns, len, &opts, &out, &out_len, &diag)) TH_LOG("%s", diag.msg);
	if (_metadata->passed == 0)
		return o;
	EXPECT_EQ(0, verify_raw(out, out_len, SIP_VF_REWRITTEN, &diag))
		TH_LOG("rewritten program refused: insn %u: %s", diag.insn, diag.msg);
	EXPECT_EQ(0, sip_relocate(out, out_len, 0, 0, encode, NULL, &diag));
	o = run(out, out_len, SIP_CHECK_AUX_REG, true, rw_flags & SIP_RW_SAVE_AUX);
	sip_free(out);
	return o;
}

static u32 assemble(struct __test_metadata *_metadata, const char *text, struct sip_insn **insns)
{
	struct sip_asm_error err;
	char buf[256];
	u32 len = 0;

	if (sip_asm(text, insns, &len, &err)) {
		sip_asm_error_format(&err, buf, sizeof(buf));
		TH_LOG("%s", buf);
		EXPECT_TRUE(false);
	}
	return len;
}

static const char count_loop[] =
	"mov %r0, 0\n"
	"mov %r1, 10\n"
	"loop:\n"
	"add %r0, 1\n"
	"sub %r1, 1\n"
	"jne %r1, 0, loop\n"
	"exit\n";

/* Each of the 10 backward jumps charges add, sub, jne and exit: 40. */
TEST(fuel_counts_instructions_exactly)
{
	struct sip_insn *p;
	u32 len = assemble(_metadata, count_loop, &p);
	struct outcome o;
	int mode;

	ASSERT_EQ(0, verify_raw(p, len, 0, NULL));
	for (mode = 0; mode < 2; mode++) {
		u32 flags = mode ? SIP_RW_SAVE_AUX : 0;

		o = rewrite_run(_metadata, p, len, 40, flags);
		EXPECT_EQ(0, o.ret);
		EXPECT_EQ(10, o.r0);
		o = rewrite_run(_metadata, p, len, 39, flags);
		EXPECT_EQ(-EFAULT, o.ret);
		EXPECT_EQ(SIP_FAULT_ABORT, o.fault);
		EXPECT_EQ(SIP_TRAP_FUEL, o.code);
	}
	free(p);
}

TEST(infinite_loop_stops)
{
	struct sip_insn *p;
	u32 len = assemble(_metadata, "mov %r0, 0\nspin:\nadd %r0, 1\nja spin\n", &p);
	struct outcome o;

	ASSERT_EQ(0, verify_raw(p, len, 0, NULL));
	o = rewrite_run(_metadata, p, len, 1000, 0);
	EXPECT_EQ(-EFAULT, o.ret);
	EXPECT_EQ(SIP_FAULT_ABORT, o.fault);
	free(p);
}

/* A loop whose head is the first instruction: the prologue is not re-run. */
TEST(loop_at_the_entry)
{
	struct sip_insn *p;
	u32 len = assemble(_metadata, "top:\nmov %r0, 1\nja top\n", &p);
	struct outcome o;

	ASSERT_EQ(0, verify_raw(p, len, 0, NULL));
	o = rewrite_run(_metadata, p, len, 50, 0);
	EXPECT_EQ(SIP_FAULT_ABORT, o.fault);
	free(p);
}

static const char callee_loops[] =
	"mov %r6, 0\n"
	"mov %r7, 5\n"
	"outer:\n"
	"mov %r1, 4\n"
	"call local count\n"
	"add %r6, %r0\n"
	"sub %r7, 1\n"
	"jne %r7, 0, outer\n"
	"mov %r0, %r6\n"
	"exit\n"
	"count:\n"
	"mov %r0, 0\n"
	"again:\n"
	"add %r0, 1\n"
	"sub %r1, 1\n"
	"jne %r1, 0, again\n"
	"exit\n";

/*
 * 5 outer iterations of 4 inner ones. The outer jump charges 12: from
 * "outer" to the end, 6 instructions and the call of count, which counts
 * count's 5 and itself. The inner one charges 4 (add, sub, jne, exit).
 * 5 x 12 + 20 x 4 = 140.
 */
TEST(fuel_is_shared_by_callees_and_unwinds)
{
	struct sip_insn *p;
	u32 len = assemble(_metadata, callee_loops, &p);
	struct outcome o;
	u64 fuel;

	ASSERT_EQ(0, verify_raw(p, len, 0, NULL));
	o = rewrite_run(_metadata, p, len, 140, SIP_RW_SAVE_AUX);
	EXPECT_EQ(0, o.ret);
	EXPECT_EQ(20, o.r0);
	for (fuel = 1; fuel < 140; fuel++) {
		o = rewrite_run(_metadata, p, len, fuel, 0);
		EXPECT_EQ(-EFAULT, o.ret) TH_LOG("fuel %llu", fuel);
		EXPECT_EQ(SIP_FAULT_ABORT, o.fault) TH_LOG("fuel %llu", fuel);
	}
	free(p);
}

/*
 * A program without a backward jump (calls, no loop) ends by itself: it
 * comes out unchanged, with no fuel set and nothing kept around its calls,
 * and still computes the same.
 */
TEST(loop_free_programs_get_no_fuel)
{
	static const char calls[] =
		"mov %r1, 4\n"
		"call local twice\n"
		"add %r0, 1\n"
		"exit\n"
		"twice:\n"
		"mov %r0, %r1\n"
		"add %r0, %r1\n"
		"exit\n";
	struct sip_rewrite_opts opts = { .fuel = 1, .flags = SIP_RW_SAVE_AUX };
	struct sip_insn *p, *out;
	struct sip_diag diag;
	u32 len = assemble(_metadata, calls, &p), n, i;
	struct outcome o;

	ASSERT_EQ(0, verify_raw(p, len, 0, NULL));
	ASSERT_EQ(0, sip_rewrite(p, len, &opts, &out, &n, &diag)) TH_LOG("%s", diag.msg);
	ASSERT_EQ(len, n);
	for (i = 0; i < n; i++)
		EXPECT_EQ(0, memcmp(&p[i], &out[i], sizeof(*p))) TH_LOG("insn %u changed", i);
	sip_free(out);
	o = rewrite_run(_metadata, p, len, 1, SIP_RW_SAVE_AUX);
	EXPECT_EQ(0, o.ret);
	EXPECT_EQ(9, o.r0);
	free(p);
}

TEST(fuel_beyond_32_bits)
{
	struct sip_insn *p;
	u32 len = assemble(_metadata, count_loop, &p);
	struct outcome o = rewrite_run(_metadata, p, len, 1ull << 40, 0);

	EXPECT_EQ(0, o.ret);
	EXPECT_EQ(10, o.r0);
	free(p);
}

TEST(zero_fuel_is_refused)
{
	struct sip_rewrite_opts opts = { .fuel = 0 };
	struct sip_insn *p, *out;
	struct sip_diag diag;
	u32 len = assemble(_metadata, count_loop, &p), n;

	EXPECT_EQ(-EINVAL, sip_rewrite(p, len, &opts, &out, &n, &diag));
	free(p);
}

/*
 * A helper that stops the SIP without stopping the run (as under native
 * code): it sets the halt word and returns. Helper 2 here.
 */
static u32 halt_rodata[4];

static u64 halting_helper(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
{
	(void)r1, (void)r2, (void)r3, (void)r4, (void)r5;
	halt_rodata[sip_halt_word_off(4) / 4] = 1;
	return 7;
}

static const sip_helper_fn halt_fns[] = { [1] = trap_helper, [2] = halting_helper };
static const struct sip_helper_table halt_helpers = { halt_fns, 3 };

static s64 encode_halt(void *cookie, u32 nr)
{
	(void)cookie;
	if (nr == SIP_HELPER_TRAP)
		return 1;
	return nr == SIP_HELPER_block_free ? 2 : -1;
}

/*
 * A loop over a function that calls block_free (the halting helper) and
 * goes on with its result: the caller adds to it. Not a program drivers
 * may write (raw programs call no helpers): the rewriter's output alone is
 * tested, with the halt check returning 0 at once in the callee and again
 * in its caller, before the loop goes round.
 */
static const char halting[] =
	"mov %r6, 5\n"
	"mov %r0, 0\n"
	"loop:\n"
	"call local stop\n"
	"add %r0, %r6\n"
	"add %r6, 1\n"
	"jlt %r6, 8, loop\n"
	"exit\n"
	"stop:\n"
	"mov %r1, 0\n"
	"call 2\n"
	"stxdw [%r10-8], %r0\n"
	"ldxdw %r0, [%r10-8]\n"
	"exit\n";

TEST(halt_check_stops_the_program_after_the_helper)
{
	struct sip_insn *p, *out;
	struct sip_diag diag;
	u32 len = assemble(_metadata, halting, &p), n, mode;

	for (mode = 0; mode < 4; mode++) {
		struct sip_rewrite_opts o = {
			.fuel = 1000, .rodata_size = 4,
			.flags = (mode & 1 ? SIP_RW_SAVE_AUX : 0) | (mode & 2 ? SIP_RW_HALT_CHECK : 0),
		};
		struct sip_run r = { .stack = stack };
		struct sip_prog *prog;

		memset(halt_rodata, 0, sizeof(halt_rodata));
		ASSERT_EQ(0, sip_rewrite(p, len, &o, &out, &n, &diag)) TH_LOG("%s", diag.msg);
		ASSERT_EQ(0, sip_relocate(out, n, 0, (unsigned long)halt_rodata, encode_halt, NULL,
					  &diag));
		ASSERT_EQ(0, sip_prog_load_flags(out, n, SIP_CHECK_AUX_REG, &halt_helpers, &prog,
						 &diag)) TH_LOG("%s", diag.msg);
		EXPECT_EQ(0, sip_interp_run(prog, &r));
		/* Without the check, the last pass: 7 (the helper's) + 7. */
		EXPECT_EQ(mode & 2 ? 0 : 14, r.r0) TH_LOG("mode %u", mode);
		EXPECT_EQ(1, halt_rodata[sip_halt_word_off(4) / 4]);
		sip_prog_free(prog);
		sip_free(out);
	}
	free(p);
}

TEST(relocates_private_data)
{
	static u64 data[4] = { 0, 0, 7, 0 };
	struct sip_insn *p;
	struct sip_diag diag;
	u32 len = assemble(_metadata, "lddw %r1, data+16\nldxdw %r0, [%r1]\nexit\n", &p);
	struct outcome o;

	ASSERT_EQ(0, sip_relocate(p, len, (unsigned long)data, 0, NULL, NULL, &diag));
	EXPECT_EQ(0, (int)p[0].src);
	o = run(p, len, 0, false, false);
	EXPECT_EQ(0, o.ret);
	EXPECT_EQ(7, o.r0);
	free(p);
}

/*
 * Every conformance program the verifier accepts keeps its result
 * rewritten: for the interpreter, with r11 kept in the hidden slot (the
 * slot placed by each function's own stack use), and lowered for the 6.1
 * JIT, which refuses only sdiv and smod, with a clear message.
 */
TEST(conformance_programs_keep_their_results)
{
	struct sip_tsv_entry e = { 0 };
	int accepted = 0, total = 0, lowered = 0, refused = 0;
	FILE *f = fopen("tests/bpf_conformance/bytecode.tsv", "r");

	ASSERT_NE(NULL, f);
	while (sip_tsv_next(f, &e) > 0) {
		struct sip_vprog p = { .insns = e.insns, .len = e.insn_cnt, .kind = SIP_VKIND_RAW };
		struct sip_verify_stats st;
		struct outcome want, got;
		int mode;

		total++;
		if (e.mem_len || sip_verify(&p, NULL, &st, NULL))
			continue;
		accepted++;
		want = run(e.insns, e.insn_cnt, 0, true, false);
		for (mode = 0; mode < 3; mode++) {
			struct sip_rewrite_opts o = {
				.fuel = 1 << 20,
				.flags = mode ? SIP_RW_SAVE_AUX : 0,
				.func_stack = mode ? st.stack_depth : NULL,
				.nr_funcs = st.nr_funcs,
			};
			struct sip_insn *out;
			struct sip_diag diag;
			u32 n;

			if (mode == 2)
				o.flags |= SIP_RW_LOWER_V4 | SIP_RW_JIT_FIXUPS;
			if (sip_rewrite(e.insns, e.insn_cnt, &o, &out, &n, &diag)) {
				EXPECT_EQ(2, mode) TH_LOG("%s: %s", e.name, diag.msg);
				EXPECT_TRUE(strstr(diag.msg, "sdiv") || strstr(diag.msg, "smod"))
					TH_LOG("%s: %s", e.name, diag.msg);
				EXPECT_NE(NULL, strstr(diag.msg, "has no equivalent on this kernel's JIT"));
				refused++;
				continue;
			}
			if (mode == 2)
				lowered++;
			EXPECT_EQ(0, verify_raw(out, n, SIP_VF_REWRITTEN, &diag))
				TH_LOG("%s mode %d: insn %u: %s", e.name, mode, diag.insn, diag.msg);
			EXPECT_EQ(0, sip_relocate(out, n, 0, 0, encode, NULL, &diag));
			got = run(out, n, SIP_CHECK_AUX_REG, true, mode);
			EXPECT_EQ(want.ret, got.ret) TH_LOG("%s mode %d", e.name, mode);
			EXPECT_EQ(want.r0, got.r0) TH_LOG("%s mode %d", e.name, mode);
			if (mode == 2) {	/* and nothing of cpu v4 is left */
				u32 i;

				for (i = 0; i < n; i++) {
					int op = sip_insn_op(&out[i]);

					EXPECT_FALSE(op >= 0 && (sip_insn_descs[op].flags & SIP_F_V4));
				}
			}
			sip_free(out);
		}
	}
	TH_LOG("%d of %d conformance programs verify as raw programs and keep their results; %d lowered for the JIT, %d refused (sdiv/smod)",
	       accepted, total, lowered, refused);
	EXPECT_GT(accepted, 100);
	EXPECT_GT(lowered, 200);
	sip_tsv_entry_free(&e);
	fclose(f);
}

TEST_HARNESS_MAIN
