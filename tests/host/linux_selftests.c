// SPDX-License-Identifier: GPL-2.0
/*
 * Linux 6.1's verifier selftests (the files of tools/testing/selftests/bpf/
 * verifier/, extracted into build/linux-selftests/ from Debian's
 * linux-source-6.1) run through sipdrv's verifier as raw programs
 * (SIP_VKIND_RAW: r1 an unknown scalar, the stack and local calls allowed,
 * no helpers).
 *
 * A test counts as Linux-accepted when its privileged verdict (.result) is
 * ACCEPT or VERBOSE_ACCEPT: sipdrv has one verifier for every driver, and
 * Linux's unprivileged mode adds policy (no pointer comparisons, Spectre
 * masking) rather than safety. A test is applicable when sipdrv can express
 * it at all, decided by applicable() below from the test's fields and
 * instructions alone, never by its name:
 *	- no map, program, kfunc or BTF fixup, no BTF, no attach function and
 *	  no fill_helper (generated programs);
 *	- no helper or kfunc call, no lddw of a map, BTF id or function, no
 *	  legacy packet load (LD_ABS, LD_IND);
 *	- the context Linux passes in r1 is never used: no instruction reads r1
 *	  (or a register copied from it) while it may still hold its entry
 *	  value, a local call counting as a read of r1-r5 and exit as one of r0.
 *
 * Two cases:
 *	1. sipdrv accepts at least BASELINE_ACCEPTED of the applicable
 *	   Linux-accepted tests: a verifier change may gain precision here,
 *	   never lose it (raise the baseline when it gains);
 *	2. sipdrv accepts no applicable test that Linux refuses for a memory
 *	   safety reason (mem_unsafe[], unpriv_unsafe[]: out-of-bounds or
 *	   uninitialised access, a pointer leaked or left dangling, the stack
 *	   overrun), except those judged safe for sipdrv's model
 *	   (judged_safe[], each with its reason, printed on every run).
 * The refused tests are listed with the verifier's message, at most
 * MAX_SHOWN of them; LINUX_SELFTESTS_ALL=1 lists every one, and every
 * applicable test's verdict in both verifiers.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/bpf.h>
#include <linux/bpf_perf_event.h>
#include <linux/btf.h>
#include <linux/if_ether.h>

#include "kselftest.h"
#include "verifier.h"

/* build/linux-selftests/: the BPF_* instruction and BTF macros the tests use. */
#include "filter.h"
#include "test_btf.h"

/* The floor, and the test set it was measured on (Linux 6.1.192's). */
#define BASELINE_TOTAL		1365
#define BASELINE_APPLICABLE	178	/* applicable and Linux-accepted */
#define BASELINE_ACCEPTED	166	/* of those, accepted by sipdrv */
#define MAX_SHOWN		36

/* ---- struct bpf_test as test_verifier.c defines it, with every field the
 * test files name (MAX_INSNS smaller: only generated tests are longer) ---- */
#define MAX_INSNS		512
#define MAX_EXPECTED_INSNS	32
#define MAX_UNEXPECTED_INSNS	32
#define MAX_FIXUPS		8
#define MAX_TEST_RUNS		8
#define POINTER_VALUE		0xcafe4all
#define TEST_DATA_LEN		64
#define MAX_FUNC_INFOS		8
#define MAX_BTF_STRINGS		256
#define MAX_BTF_TYPES		256
#define INSN_OFF_MASK		((__s16)0xFFFF)
#define INSN_IMM_MASK		((__s32)0xFFFFFFFF)
#define SKIP_INSNS()		BPF_RAW_INSN(0xde, 0xa, 0xd, 0xbeef, 0xdeadbeef)
#define F_NEEDS_EFFICIENT_UNALIGNED_ACCESS	(1 << 0)
#define F_LOAD_WITH_STRICT_ALIGNMENT		(1 << 1)
#define MAX_ENTRIES		11

struct test_val {
	unsigned int index;
	int foo[MAX_ENTRIES];
};

struct other_val {
	long long foo;
	long long bar;
};

struct kfunc_btf_id_pair {
	const char *kfunc;
	int insn_idx;
};

struct bpf_test {
	const char *descr;
	struct bpf_insn insns[MAX_INSNS];
	struct bpf_insn *fill_insns;
	struct bpf_insn expected_insns[MAX_EXPECTED_INSNS];
	struct bpf_insn unexpected_insns[MAX_UNEXPECTED_INSNS];
	int fixup_map_hash_8b[MAX_FIXUPS];
	int fixup_map_hash_48b[MAX_FIXUPS];
	int fixup_map_hash_16b[MAX_FIXUPS];
	int fixup_map_array_48b[MAX_FIXUPS];
	int fixup_map_sockmap[MAX_FIXUPS];
	int fixup_map_sockhash[MAX_FIXUPS];
	int fixup_map_xskmap[MAX_FIXUPS];
	int fixup_map_stacktrace[MAX_FIXUPS];
	int fixup_prog1[MAX_FIXUPS];
	int fixup_prog2[MAX_FIXUPS];
	int fixup_map_in_map[MAX_FIXUPS];
	int fixup_cgroup_storage[MAX_FIXUPS];
	int fixup_percpu_cgroup_storage[MAX_FIXUPS];
	int fixup_map_spin_lock[MAX_FIXUPS];
	int fixup_map_array_ro[MAX_FIXUPS];
	int fixup_map_array_wo[MAX_FIXUPS];
	int fixup_map_array_small[MAX_FIXUPS];
	int fixup_sk_storage_map[MAX_FIXUPS];
	int fixup_map_event_output[MAX_FIXUPS];
	int fixup_map_reuseport_array[MAX_FIXUPS];
	int fixup_map_ringbuf[MAX_FIXUPS];
	int fixup_map_timer[MAX_FIXUPS];
	int fixup_map_kptr[MAX_FIXUPS];
	struct kfunc_btf_id_pair fixup_kfunc_btf_id[MAX_FIXUPS];
	const char *errstr;
	const char *errstr_unpriv;
	uint32_t insn_processed;
	int prog_len;
	enum {
		UNDEF,
		ACCEPT,
		REJECT,
		VERBOSE_ACCEPT,
	} result, result_unpriv;
	enum bpf_prog_type prog_type;
	uint8_t flags;
	void (*fill_helper)(struct bpf_test *self);
	int runs;
#define bpf_testdata_struct_t					\
	struct {						\
		uint32_t retval, retval_unpriv;			\
		union {						\
			__u8 data[TEST_DATA_LEN];		\
			__u64 data64[TEST_DATA_LEN / 8];	\
		};						\
	}
	union {
		bpf_testdata_struct_t;
		bpf_testdata_struct_t retvals[MAX_TEST_RUNS];
	};
	enum bpf_attach_type expected_attach_type;
	const char *kfunc;
	struct bpf_func_info func_info[MAX_FUNC_INFOS];
	int func_info_cnt;
	char btf_strings[MAX_BTF_STRINGS];
	__u32 btf_types[MAX_BTF_TYPES];
};

#define offsetofend(TYPE, FIELD) (offsetof(TYPE, FIELD) + sizeof(((TYPE *)0)->FIELD))

/* Generated programs are not applicable: their generators are not needed. */
#define NO_FILL(name) static void name(struct bpf_test *self) { (void)self; }
NO_FILL(bpf_fill_big_prog_with_loop_1)
NO_FILL(bpf_fill_jump_around_ld_abs)
NO_FILL(bpf_fill_ld_abs_vlan_push_pop)
NO_FILL(bpf_fill_rand_ld_dw)
NO_FILL(bpf_fill_scale)
NO_FILL(bpf_fill_torturous_jumps)

/* The tests, one array per file of verifier/ (generated by the Makefile). */
struct lsel_file {
	const char *name;
	struct bpf_test *tests;
	size_t nr;
};

#include "tests.h"

_Static_assert(sizeof(struct bpf_insn) == sizeof(struct sip_insn), "one instruction layout");

/* ---- which tests sipdrv can express ---- */

/* test_verifier.c's probe_filter_length(): the program ends at its last
 * instruction that is not all zero in code and imm. */
static u32 prog_len(const struct bpf_test *t)
{
	int len;

	for (len = MAX_INSNS - 1; len > 0; len--)
		if (t->insns[len].code || t->insns[len].imm)
			break;
	return len + 1;
}

static bool any_fixup(const struct bpf_test *t)
{
	const int *fixups[] = {
		t->fixup_map_hash_8b, t->fixup_map_hash_48b, t->fixup_map_hash_16b,
		t->fixup_map_array_48b, t->fixup_map_sockmap, t->fixup_map_sockhash,
		t->fixup_map_xskmap, t->fixup_map_stacktrace, t->fixup_prog1, t->fixup_prog2,
		t->fixup_map_in_map, t->fixup_cgroup_storage, t->fixup_percpu_cgroup_storage,
		t->fixup_map_spin_lock, t->fixup_map_array_ro, t->fixup_map_array_wo,
		t->fixup_map_array_small, t->fixup_sk_storage_map, t->fixup_map_event_output,
		t->fixup_map_reuseport_array, t->fixup_map_ringbuf, t->fixup_map_timer,
		t->fixup_map_kptr,
	};
	size_t i;

	/* As in test_verifier.c: a fixup list ends at its first 0. */
	for (i = 0; i < ARRAY_SIZE(fixups); i++)
		if (fixups[i][0])
			return true;
	return t->fixup_kfunc_btf_id[0].kfunc != NULL;
}

/* Registers an instruction reads (bit r), as far as the context goes. */
static u32 insn_reads(const struct bpf_insn *in)
{
	u8 cls = BPF_CLASS(in->code), op = BPF_OP(in->code);
	u32 dst = 1u << in->dst_reg, src = 1u << in->src_reg;

	switch (cls) {
	case BPF_ALU:
	case BPF_ALU64:
		if (op == BPF_MOV)
			return BPF_SRC(in->code) == BPF_X ? src : 0;
		return dst | (BPF_SRC(in->code) == BPF_X && op != BPF_END ? src : 0);
	case BPF_JMP:
	case BPF_JMP32:
		if (op == BPF_JA)
			return 0;
		if (op == BPF_CALL)
			return 0x3e;	/* r1-r5: the callee's arguments */
		if (op == BPF_EXIT)
			return 1u << BPF_REG_0;
		return dst | (BPF_SRC(in->code) == BPF_X ? src : 0);
	case BPF_LDX:
		return src;
	case BPF_ST:
		return dst;
	case BPF_STX:
		if (BPF_MODE(in->code) == BPF_ATOMIC && in->imm == BPF_CMPXCHG)
			return dst | src | 1u << BPF_REG_0;	/* r0: the expected value */
		return dst | src;
	default:
		return 0;
	}
}

/* Registers it writes. */
static u32 insn_writes(const struct bpf_insn *in)
{
	u8 cls = BPF_CLASS(in->code), op = BPF_OP(in->code);

	switch (cls) {
	case BPF_ALU:
	case BPF_ALU64:
	case BPF_LDX:
	case BPF_LD:
		return 1u << in->dst_reg;
	case BPF_JMP:
		return op == BPF_CALL ? 0x3f : 0;	/* r0 set, r1-r5 clobbered */
	case BPF_STX:
		if (BPF_MODE(in->code) != BPF_ATOMIC || !(in->imm & BPF_FETCH))
			return 0;
		return in->imm == BPF_CMPXCHG ? 1u << BPF_REG_0 : 1u << in->src_reg;
	default:
		return 0;
	}
}

/*
 * Does the main function read the context Linux passes in r1? A forward
 * may-analysis of the registers that may still hold it: a 64-bit register
 * move copies it, any other write ends it, any other read is a use.
 */
static bool reads_ctx(const struct bpf_insn *insns, u32 len)
{
	static u16 holds[MAX_INSNS];	/* bit r: r may hold it; VISITED */
	static bool queued[MAX_INSNS];
	u32 work[MAX_INSNS], nr = 0;
	enum { VISITED = 1u << 15 };

	memset(holds, 0, sizeof(holds));
	memset(queued, 0, sizeof(queued));
	holds[0] = 1u << BPF_REG_1 | VISITED;
	queued[0] = true;
	work[nr++] = 0;
	while (nr) {
		u32 pc = work[--nr], next[2], nr_next = 0, i;
		const struct bpf_insn *in = &insns[pc];
		u16 ctx = holds[pc] & ~VISITED;
		u8 cls = BPF_CLASS(in->code), op = BPF_OP(in->code);
		bool jmp = cls == BPF_JMP || cls == BPF_JMP32;

		queued[pc] = false;
		if (insn_reads(in) & ctx)
			return true;
		if (cls == BPF_ALU64 && op == BPF_MOV && BPF_SRC(in->code) == BPF_X)
			ctx = ctx & 1u << in->src_reg ? ctx | 1u << in->dst_reg
						      : ctx & ~(1u << in->dst_reg);
		else
			ctx &= ~insn_writes(in);
		if (jmp && op == BPF_EXIT)
			continue;
		if (cls == BPF_JMP && op == BPF_JA) {
			next[nr_next++] = pc + 1 + in->off;
		} else if (jmp && op != BPF_CALL) {
			next[nr_next++] = pc + 1;
			next[nr_next++] = pc + 1 + in->off;
		} else {
			bool lddw = cls == BPF_LD && BPF_MODE(in->code) == BPF_IMM;

			next[nr_next++] = pc + (lddw ? 2 : 1);
		}
		for (i = 0; i < nr_next; i++) {
			u32 t = next[i];
			u16 old;

			if (t >= len)
				continue;	/* sipdrv's CFG check refuses it */
			old = holds[t];
			holds[t] |= ctx | VISITED;
			if (holds[t] != old && !queued[t]) {
				queued[t] = true;
				work[nr++] = t;
			}
		}
	}
	return false;
}

/* Why a test is not applicable: the first of these that holds. */
enum why {
	APPLICABLE,
	NA_GENERATED,
	NA_FIXUP,
	NA_BTF,
	NA_CALL,
	NA_LDDW,
	NA_LD_PKT,
	NA_CTX,
	NA__COUNT,
};

static const char *const why_names[NA__COUNT] = {
	[NA_GENERATED] = "generated",
	[NA_FIXUP] = "map/prog/kfunc fixup",
	[NA_BTF] = "BTF",
	[NA_CALL] = "helper/kfunc call",
	[NA_LDDW] = "lddw of a map/BTF id/function",
	[NA_LD_PKT] = "LD_ABS/LD_IND",
	[NA_CTX] = "context in r1",
};

static enum why applicable(const struct bpf_test *t, u32 len)
{
	u32 pc;

	if (t->fill_helper || t->prog_len)
		return NA_GENERATED;
	if (any_fixup(t))
		return NA_FIXUP;
	if (t->kfunc || t->btf_types[0] || t->func_info_cnt)
		return NA_BTF;
	for (pc = 0; pc < len; pc++) {
		const struct bpf_insn *in = &t->insns[pc];
		u8 cls = BPF_CLASS(in->code), mode = BPF_MODE(in->code), op = BPF_OP(in->code);

		if (cls == BPF_JMP && op == BPF_CALL && in->src_reg != BPF_PSEUDO_CALL)
			return NA_CALL;
		if (cls == BPF_LD && mode == BPF_IMM && in->src_reg)
			return NA_LDDW;
		if (cls == BPF_LD && (mode == BPF_ABS || mode == BPF_IND))
			return NA_LD_PKT;
	}
	return reads_ctx(t->insns, len) ? NA_CTX : APPLICABLE;
}

/* ---- Linux's refusals that are about memory safety ---- */

/*
 * Substrings of Linux's privileged refusal (.errstr) that say the program
 * would touch memory it must not: out-of-bounds or uninitialised access, a
 * pointer leaked or left dangling, the stack overrun. Linux's other
 * refusals (loops it cannot bound, return codes, opcodes, alignment, CFG
 * shape) are about its own policy, and sipdrv may decide them otherwise.
 */
static const char *const mem_unsafe[] = {
	"invalid mem access",		/* a number or NULL dereferenced */
	"!read_ok",			/* an uninitialised register read */
	"invalid read from stack",	/* out of bounds or uninitialised */
	"invalid write to stack",
	"invalid indirect read from stack",
	"invalid stack",
	"fp pointer",			/* a stack offset out of range */
	"frame pointer is read only",
	"out of bounds",
	"outside of the allowed memory range",
	"invalid access to",
	"min value is negative",
	"unbounded memory access",
	"leaks addr",			/* a pointer leaked */
	"invalid size",			/* part of a spilled pointer read back */
	"cannot spill",			/* a stack pointer that may outlive its frame */
	"combined stack size",		/* the stack overrun */
	"call stack",
};

/*
 * Of the unprivileged refusals (.errstr_unpriv), only the pointer leaks: the
 * rest are Spectre hardening (dead branches explored, pointer comparisons
 * and arithmetic masked), not a property of the program's runs.
 */
static const char *const unpriv_unsafe[] = {
	"leak",
};

/*
 * Tests Linux refuses for memory safety that sipdrv accepts, each judged
 * safe for sipdrv's model; any other is a soundness red flag.
 */
static const struct judged_safe {
	const char *descr;
	const char *why;
} judged_safe[] = {
	{ "calls: spill into caller stack frame",
	  "the pointer stored is to the caller's own frame, which outlives the slot; "
	  "sipdrv refuses storing one to a callee's frame into an older frame" },
	{ "calls: stack depth check in dead code",
	  "the 9-frame chain is dead code: sipdrv limits nesting to 8 frames on the "
	  "paths that run, and bounds every chain of the call graph by bytes (stack.c)" },
};

static bool matches(const char *msg, const char *const *pats, size_t nr)
{
	size_t i;

	for (i = 0; msg && i < nr; i++)
		if (strstr(msg, pats[i]))
			return true;
	return false;
}

/* Why a Linux refusal of @t is about memory safety, or NULL. */
static const char *linux_unsafe(const struct bpf_test *t)
{
	if (t->result == REJECT && matches(t->errstr, mem_unsafe, ARRAY_SIZE(mem_unsafe)))
		return t->errstr;
	if (t->result_unpriv == REJECT &&
	    matches(t->errstr_unpriv, unpriv_unsafe, ARRAY_SIZE(unpriv_unsafe)))
		return t->errstr_unpriv;
	return NULL;
}

static const char *judged_safe_why(const struct bpf_test *t)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(judged_safe); i++)
		if (!strcmp(t->descr, judged_safe[i].descr))
			return judged_safe[i].why;
	return NULL;
}

/* ---- the run ---- */

struct tally {
	u32 total, linux_accepted, applicable, app_accepted, sip_accepted;
	u32 refused, red_flags, judged_safe, why[NA__COUNT];
};

static bool show_all;

static int sip_run(const struct bpf_test *t, u32 len, char *msg, size_t size)
{
	static struct sip_insn insns[MAX_INSNS];
	struct sip_vprog p = { .insns = insns, .len = len, .kind = SIP_VKIND_RAW };
	struct sip_diag diag;
	int ret;

	memcpy(insns, t->insns, len * sizeof(insns[0]));
	ret = sip_verify(&p, NULL, NULL, &diag);
	if (ret == -EINVAL)
		sip_verify_format(&p, &diag, msg, size);
	else if (ret)
		snprintf(msg, size, "error %d", ret);
	return ret;
}

static void one(const char *file, const struct bpf_test *t, struct tally *n)
{
	u32 len = prog_len(t);
	bool linux_ok = t->result == ACCEPT || t->result == VERBOSE_ACCEPT;
	enum why why = applicable(t, len);
	const char *unsafe, *safe;
	char msg[256] = "";
	int ret;

	n->total++;
	n->linux_accepted += linux_ok;
	n->why[why]++;
	if (why != APPLICABLE)
		return;
	n->applicable++;
	ret = sip_run(t, len, msg, sizeof(msg));
	if (show_all)
		ksft_print_msg("%s: %s: Linux %s%s%s, sipdrv %s%s\n", file, t->descr,
			       linux_ok ? "accepts" : "refuses: ",
			       linux_ok ? "" : t->errstr ? t->errstr : "",
			       t->result_unpriv == REJECT ? " (unprivileged: refuses)" : "",
			       ret ? "refuses: " : "accepts", msg);
	if (linux_ok) {
		n->app_accepted++;
		if (!ret)
			n->sip_accepted++;
		else if (n->refused++ < MAX_SHOWN || show_all)
			ksft_print_msg("refused: %s: %s: %s\n", file, t->descr, msg);
	}
	unsafe = linux_unsafe(t);
	if (ret || !unsafe)
		return;
	safe = judged_safe_why(t);
	if (safe) {
		n->judged_safe++;
		ksft_print_msg("accepted, judged safe: %s: %s (Linux: %s): %s\n", file,
			       t->descr, unsafe, safe);
	} else {
		n->red_flags++;
		ksft_print_msg("RED FLAG: accepted: %s: %s (Linux: %s)\n", file, t->descr, unsafe);
	}
}

int main(void)
{
	struct tally n = { 0 };
	char line[256];
	size_t f, i, len;

	show_all = getenv("LINUX_SELFTESTS_ALL") != NULL;
	ksft_print_header();
	ksft_set_plan(2);
	for (f = 0; f < ARRAY_SIZE(lsel_files); f++)
		for (i = 0; i < lsel_files[f].nr; i++)
			one(lsel_files[f].name, &lsel_files[f].tests[i], &n);
	if (n.refused > MAX_SHOWN && !show_all)
		ksft_print_msg("... and %u more refused (LINUX_SELFTESTS_ALL=1 lists them)\n",
			       n.refused - MAX_SHOWN);
	ksft_print_msg("%u tests, %u accepted by Linux; %u applicable, %u of them Linux-accepted\n",
		       n.total, n.linux_accepted, n.applicable, n.app_accepted);
	for (i = 1, len = 0; i < NA__COUNT; i++)
		len += snprintf(line + len, sizeof(line) - len, "%s %u %s", i > 1 ? "," : "",
				n.why[i], why_names[i]);
	ksft_print_msg("not applicable:%s\n", line);
	if (n.total != BASELINE_TOTAL || n.app_accepted != BASELINE_APPLICABLE)
		ksft_print_msg("note: the baseline was taken on %u tests, %u applicable %s\n",
			       BASELINE_TOTAL, BASELINE_APPLICABLE, "Linux-accepted");
	ksft_test_result(n.sip_accepted >= BASELINE_ACCEPTED,
			 "sipdrv accepts %u of %u applicable Linux-accepted tests (baseline %u)\n",
			 n.sip_accepted, n.app_accepted, BASELINE_ACCEPTED);
	ksft_test_result(!n.red_flags,
			 "sipdrv accepts %u tests Linux refuses as unsafe (%u judged safe)\n",
			 n.red_flags + n.judged_safe, n.judged_safe);
	ksft_finished();
}
