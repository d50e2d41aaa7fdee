// SPDX-License-Identifier: GPL-2.0
/*
 * The .data runner: every file of bpf_conformance/tests/ is assembled by our
 * assembler, must give exactly the bytes bytecode.tsv lists, must survive a
 * disassemble/re-assemble round trip, and must return its -- result in both
 * interpreter modes; every file of bpf_conformance/negative/ must fail, in
 * the way the table below says.
 *	conformance_data [BPF_CONFORMANCE_DIR]	(default: tests/bpf_conformance)
 */
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest.h"
#include "interp.h"
#include "conformance_helpers.h"
#include "asm.h"
#include "datafile.h"
#include "bytecode_tsv.h"

/* What running one .data file came to; everything but OUT_PASS is a failure. */
enum outcome_kind {
	OUT_PASS,
	OUT_NO_PROGRAM,		/* neither -- asm nor -- raw, or no instruction */
	OUT_PARSE_ERROR,	/* the .data file itself is malformed */
	OUT_ASM_ERROR,		/* the assembler refused -- asm */
	OUT_RAW_MISMATCH,	/* -- asm and -- raw disagree */
	OUT_BYTES_MISMATCH,	/* not the bytes bytecode.tsv lists */
	OUT_LOAD_ERROR,		/* sip_prog_load() refused the program */
	OUT_ROUNDTRIP,		/* the disassembly does not assemble back */
	OUT_FAULT,		/* a run stopped with a fault */
	OUT_WRONG_RESULT,	/* r0 is not -- result */
	OUT_ERROR_NOT_RAISED,	/* -- error expected, but the program ran */
	OUT_NO_EXPECTATION,	/* neither -- result nor -- error */
};

static const char *const kind_names[] = {
	[OUT_PASS] = "pass",
	[OUT_NO_PROGRAM] = "no program",
	[OUT_PARSE_ERROR] = "malformed .data file",
	[OUT_ASM_ERROR] = "assembler error",
	[OUT_RAW_MISMATCH] = "-- asm and -- raw differ",
	[OUT_BYTES_MISMATCH] = "bytes differ from bytecode.tsv",
	[OUT_LOAD_ERROR] = "refused at load",
	[OUT_ROUNDTRIP] = "disassembly round trip failed",
	[OUT_FAULT] = "fault",
	[OUT_WRONG_RESULT] = "wrong result",
	[OUT_ERROR_NOT_RAISED] = "expected error not raised",
	[OUT_NO_EXPECTATION] = "no -- result or -- error",
};

struct outcome {
	enum outcome_kind kind;
	unsigned int where;	/* parse/assembler errors: the file's line; load: the insn */
	char token[64];
	char msg[256];
};

/*
 * What each negative file must come to. @where and @token are checked when
 * set (0 / NULL: not applicable), @msg must appear in the message.
 */
static const struct negative_case {
	const char *file;
	enum outcome_kind kind;
	unsigned int where;
	const char *token;
	const char *msg;
} negatives[] = {
	{ "empty.data", OUT_NO_PROGRAM, 0, NULL, "no -- asm or -- raw section" },
	{ "empty_instructions.data", OUT_NO_PROGRAM, 0, NULL, "no -- asm or -- raw section" },
	/* or %r0, %r10 is a valid program here (no verifier in this runner) */
	{ "error.data", OUT_ERROR_NOT_RAISED, 0, NULL, "expected error 'Invalid'" },
	/* the file's expected value is wrong on purpose (0x89, not 0x88) */
	{ "incorrect_return_value_high_bits.data", OUT_WRONG_RESULT, 0, NULL,
	  "r0 = 0x8877665544332211, expected 0x8977665544332211" },
	{ "invalid_imm32_dec_range.data", OUT_ASM_ERROR, 5, "2147483648",
	  "immediate '2147483648' out of 32-bit range" },
	{ "invalid_imm32_hex_range.data", OUT_ASM_ERROR, 5, "0x100000000",
	  "immediate '0x100000000' out of 32-bit range" },
	{ "invalid_label.data", OUT_ASM_ERROR, 4, "NOT_A_LABEL", "unknown label 'NOT_A_LABEL'" },
	{ "invalid_lock.data", OUT_ASM_ERROR, 4, "lock or", "invalid number of operands for lock" },
	{ "invalid_lock2.data", OUT_ASM_ERROR, 4, "lock", "invalid number of operands for lock" },
	{ "invalid_mnemonic.data", OUT_ASM_ERROR, 5, "ldxq", "unknown mnemonic 'ldxq'" },
	{ "invalid_offset.data", OUT_ASM_ERROR, 4, "%r1", "expected a memory operand, got '%r1'" },
	{ "invalid_offset_range.data", OUT_ASM_ERROR, 5, "+0x10000",
	  "offset '+0x10000' out of 16-bit range" },
	{ "invalid_operand_count.data", OUT_ASM_ERROR, 4, "lddw", "invalid number of operands for lddw" },
	{ "invalid_register.data", OUT_ASM_ERROR, 4, "%r50", "invalid register '%r50'" },
	{ "invalid_unknown_directive.data", OUT_PARSE_ERROR, 4, "Unknown directive",
	  "unknown section '-- Unknown directive'" },
#define UNUSED(name, msg) { "unused-" name ".data", OUT_LOAD_ERROR, 0, NULL, msg }
	UNUSED("add64_imm-offset", "add: reserved field off is 1, must be 0"),
	UNUSED("add64_imm-src", "add: reserved field src is 1, must be 0"),
	UNUSED("add64_reg-imm", "add: reserved field imm is 1, must be 0"),
	UNUSED("add64_reg-offset", "add: reserved field off is 1, must be 0"),
	UNUSED("add_imm-offset", "add32: reserved field off is 1, must be 0"),
	UNUSED("add_imm-src", "add32: reserved field src is 1, must be 0"),
	UNUSED("add_reg-imm", "add32: reserved field imm is 1, must be 0"),
	UNUSED("add_reg-offset", "add32: reserved field off is 1, must be 0"),
	UNUSED("be16-offset", "be16: reserved field off is 1, must be 0"),
	UNUSED("be16-src", "be16: reserved field src is 1, must be 0"),
	UNUSED("call-dst", "call: reserved field dst is 1, must be 0"),
	UNUSED("call-offset", "call: reserved field off is 1, must be 0"),
	UNUSED("exit-dst", "exit: reserved field dst is 1, must be 0"),
	UNUSED("exit-imm", "exit: reserved field imm is 1, must be 0"),
	UNUSED("exit-offset", "exit: reserved field off is 1, must be 0"),
	UNUSED("exit-src", "exit: reserved field src is 1, must be 0"),
	UNUSED("ja-dst", "ja: reserved field dst is 1, must be 0"),
	UNUSED("ja-imm", "ja: reserved field imm is 1, must be 0"),
	UNUSED("ja-src", "ja: reserved field src is 1, must be 0"),
	UNUSED("jeq_imm-src", "jeq: reserved field src is 1, must be 0"),
	UNUSED("jeq_reg-imm", "jeq: reserved field imm is 1, must be 0"),
	UNUSED("jgt_imm-src", "jgt: reserved field src is 1, must be 0"),
	UNUSED("jgt_reg-imm", "jgt: reserved field imm is 1, must be 0"),
	UNUSED("ldxdw-imm", "ldxdw: reserved field imm is 1, must be 0"),
	UNUSED("ldxw-imm", "ldxw: reserved field imm is 1, must be 0"),
	UNUSED("le16-offset", "le16: reserved field off is 1, must be 0"),
	UNUSED("le16-src", "le16: reserved field src is 1, must be 0"),
	UNUSED("mov64_imm-offset", "mov: reserved field off is 1, must be 0"),
	UNUSED("mov64_imm-src", "mov: reserved field src is 1, must be 0"),
	UNUSED("mov64_reg-imm", "mov: reserved field imm is 1, must be 0"),
	/* off selects mov or movsx (8/16/32): 1 is none of them */
	UNUSED("mov64_reg-offset", "opcode 0xbf has no variant off=1 imm=0 src=0"),
	UNUSED("mov_imm-offset", "mov32: reserved field off is 1, must be 0"),
	UNUSED("mov_imm-src", "mov32: reserved field src is 1, must be 0"),
	UNUSED("mov_reg-imm", "mov32: reserved field imm is 1, must be 0"),
	UNUSED("mov_reg-offset", "opcode 0xbc has no variant off=1 imm=0 src=0"),
	UNUSED("neg-imm", "neg32: reserved field imm is 1, must be 0"),
	UNUSED("neg-offset", "neg32: reserved field off is 1, must be 0"),
	UNUSED("neg-src", "neg32: reserved field src is 1, must be 0"),
	UNUSED("neg64-imm", "neg: reserved field imm is 1, must be 0"),
	UNUSED("neg64-offset", "neg: reserved field off is 1, must be 0"),
	UNUSED("neg64-src", "neg: reserved field src is 1, must be 0"),
	UNUSED("stdw-src", "stdw: reserved field src is 1, must be 0"),
	UNUSED("stw-src", "stw: reserved field src is 1, must be 0"),
	UNUSED("stxdw-imm", "stxdw: reserved field imm is 1, must be 0"),
	UNUSED("stxw-imm", "stxw: reserved field imm is 1, must be 0"),
#undef UNUSED
};

static u64 stack[SIP_RUN_STACK_BYTES / 8];

static __printf(5, 6) int set_outcome(struct outcome *out, enum outcome_kind kind,
				       unsigned int where, const char *token, const char *fmt, ...)
{
	va_list ap;

	out->kind = kind;
	out->where = where;
	snprintf(out->token, sizeof(out->token), "%s", token ? token : "");
	va_start(ap, fmt);
	vsnprintf(out->msg, sizeof(out->msg), fmt, ap);
	va_end(ap);
	return -1;
}

static int assemble(const struct sip_datafile *df, struct sip_insn **insns, u32 *len,
		    struct outcome *out)
{
	struct sip_asm_error err;
	unsigned int line;

	if (!sip_asm(df->asm_text, insns, len, &err))
		return 0;
	line = err.line ? df->asm_line + err.line - 1 : 0;
	return set_outcome(out, OUT_ASM_ERROR, line, err.token, "line %u: %s", line, err.msg);
}

static bool same_insns(const struct sip_insn *a, u32 alen, const struct sip_insn *b, u32 blen)
{
	return alen == blen && (!alen || !memcmp(a, b, alen * sizeof(*a)));
}

/* The program of @df: -- raw when there is one (as upstream), else -- asm. */
static int read_program(const char *path, struct sip_datafile *df, struct sip_insn **insns,
			u32 *len, struct outcome *out)
{
	struct sip_asm_error err;
	struct sip_insn *code = NULL;
	u32 code_len = 0;

	if (sip_datafile_read(path, df, &err))
		return set_outcome(out, OUT_PARSE_ERROR, err.line, err.token, "line %u: %s",
				   err.line, err.msg);
	if (!df->asm_text && !df->has_raw)
		return set_outcome(out, OUT_NO_PROGRAM, 0, NULL, "no -- asm or -- raw section");
	if (df->asm_text && assemble(df, &code, &code_len, out))
		return -1;
	if (df->has_raw) {
		bool differ = df->asm_text && !same_insns(code, code_len, df->raw, df->raw_len);

		free(code);
		if (differ)
			return set_outcome(out, OUT_RAW_MISMATCH, 0, NULL,
					   "-- asm assembles to other bytes than -- raw");
		code_len = df->raw_len;
		code = malloc(code_len * sizeof(*code) + 1);
		if (!code)
			return set_outcome(out, OUT_NO_PROGRAM, 0, NULL, "out of memory");
		if (code_len)
			memcpy(code, df->raw, code_len * sizeof(*code));
	}
	*insns = code;
	*len = code_len;
	if (!code_len)
		return set_outcome(out, OUT_NO_PROGRAM, 0, NULL, "no instruction");
	return 0;
}

static u64 insn_bits(const struct sip_insn *insn)
{
	u64 v;

	memcpy(&v, insn, sizeof(v));
	return v;
}

static int check_bytes(const struct sip_insn *insns, u32 len, const struct sip_tsv_entry *want,
		       struct outcome *out)
{
	u32 i;

	if (!want)
		return set_outcome(out, OUT_BYTES_MISMATCH, 0, NULL, "no entry in bytecode.tsv");
	for (i = 0; i < len && i < want->insn_cnt; i++)
		if (insn_bits(&insns[i]) != insn_bits(&want->insns[i]))
			return set_outcome(out, OUT_BYTES_MISMATCH, i, NULL,
					   "insn %u: %016llx, bytecode.tsv has %016llx", i,
					   insn_bits(&insns[i]), insn_bits(&want->insns[i]));
	if (len != want->insn_cnt)
		return set_outcome(out, OUT_BYTES_MISMATCH, 0, NULL,
				   "%u instructions, bytecode.tsv has %u", len, want->insn_cnt);
	return 0;
}

/* Disassembles @insns and assembles the text again: the same bytes must come back. */
static int round_trip(const struct sip_insn *insns, u32 len, struct outcome *out)
{
	struct sip_insn *again = NULL;
	struct sip_asm_error err;
	char *text = NULL;
	u32 again_len = 0;
	int ret = 0;

	if (sip_asm_disasm_prog(insns, len, &text))
		return set_outcome(out, OUT_ROUNDTRIP, 0, NULL, "the disassembler refused it");
	if (sip_asm(text, &again, &again_len, &err))
		ret = set_outcome(out, OUT_ROUNDTRIP, err.line, err.token,
				  "disassembly line %u: %s", err.line, err.msg);
	else if (!same_insns(again, again_len, insns, len))
		ret = set_outcome(out, OUT_ROUNDTRIP, 0, NULL, "other bytes after the round trip");
	free(again);
	free(text);
	return ret;
}

/* One run: r1 = a copy of the memory (0 if none), r2 = its length. */
static int run_once(const struct sip_prog *prog, const struct sip_datafile *df, bool checked,
		    u64 *r0, struct outcome *out)
{
	u8 *copy = malloc(df->mem_len + 1);
	struct sip_region region = { (unsigned long)copy, df->mem_len, true };
	struct sip_run run = {
		.args = { df->mem_len ? (unsigned long)copy : 0, df->mem_len },
		.stack = stack,
		.regions = &region,
		.nr_regions = 1,
	};
	const char *mode = checked ? "checked" : "interp";
	int ret;

	if (!copy)
		return set_outcome(out, OUT_FAULT, 0, NULL, "out of memory");
	if (df->mem_len)
		memcpy(copy, df->mem, df->mem_len);
	ret = checked ? sip_interp_run_checked(prog, &run) : sip_interp_run(prog, &run);
	free(copy);
	if (ret)
		return set_outcome(out, OUT_FAULT, run.fault.insn, NULL,
				   "%s: fault at insn %u: %s (addr %#llx size %u)", mode,
				   run.fault.insn, sip_fault_name(run.fault.kind), run.fault.addr,
				   run.fault.size);
	*r0 = run.r0;
	return 0;
}

static int run_modes(const struct sip_prog *prog, const struct sip_datafile *df,
		     struct outcome *out)
{
	int checked;
	u64 r0 = 0;

	for (checked = 0; checked < 2; checked++) {
		if (run_once(prog, df, checked, &r0, out))
			return -1;
		if (df->error)
			continue;
		if (!df->has_result)
			return set_outcome(out, OUT_NO_EXPECTATION, 0, NULL, "no -- result or -- error");
		if (r0 != df->result)
			return set_outcome(out, OUT_WRONG_RESULT, 0, NULL, "%s: r0 = %#llx, expected %#llx",
					   checked ? "checked" : "interp", r0, df->result);
	}
	if (df->error)
		return set_outcome(out, OUT_ERROR_NOT_RAISED, 0, NULL,
				   "expected error '%s', but the program ran (r0 = %#llx)", df->error, r0);
	return 0;
}

/* Runs the .data file at @path; @want (NULL: no check) is its bytecode.tsv entry. */
static void run_file(const char *path, const struct sip_tsv_entry *want, bool check_tsv,
		     struct outcome *out)
{
	struct sip_prog *prog = NULL;
	struct sip_insn *insns = NULL;
	struct sip_datafile df;
	struct sip_diag diag;
	u32 len = 0;

	memset(out, 0, sizeof(*out));
	if (read_program(path, &df, &insns, &len, out))
		goto out;
	if (check_tsv && check_bytes(insns, len, want, out))
		goto out;
	if (sip_prog_load(insns, len, &conformance_helpers, &prog, &diag)) {
		set_outcome(out, OUT_LOAD_ERROR, diag.insn, NULL, "insn %u: %s", diag.insn, diag.msg);
		goto out;
	}
	if (round_trip(insns, len, out))
		goto out;
	run_modes(prog, &df, out);
out:
	if (prog)
		sip_prog_free(prog);
	free(insns);
	sip_datafile_free(&df);
}

static int is_data_file(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return n > 5 && !strcmp(d->d_name + n - 5, ".data");
}

/* The .data files of @dir, sorted. */
static int list_data(const char *dir, struct dirent ***names)
{
	int n = scandir(dir, names, is_data_file, alphasort);

	if (n < 0)
		ksft_exit_fail_msg("cannot list %s\n", dir);
	return n;
}

struct tsv {
	struct sip_tsv_entry *entries;
	int count;
};

static void read_tsv(const char *path, struct tsv *tsv)
{
	int n = sip_tsv_count(path), i, ret;
	FILE *f = fopen(path, "r");

	if (n < 0 || !f)
		ksft_exit_fail_msg("cannot read %s\n", path);
	tsv->entries = calloc(n, sizeof(*tsv->entries));
	if (!tsv->entries)
		ksft_exit_fail_msg("out of memory\n");
	for (i = 0; i < n; i++) {
		ret = sip_tsv_next(f, &tsv->entries[i]);
		if (ret != 1)
			ksft_exit_fail_msg("%s: malformed entry %d\n", path, i + 1);
	}
	tsv->count = n;
	fclose(f);
}

static const struct sip_tsv_entry *tsv_find(const struct tsv *tsv, const char *file)
{
	size_t n = strlen(file) - strlen(".data");
	int i;

	for (i = 0; i < tsv->count; i++)
		if (strlen(tsv->entries[i].name) == n && !strncmp(tsv->entries[i].name, file, n))
			return &tsv->entries[i];
	return NULL;
}

static void report(const char *name, const struct outcome *out)
{
	ksft_print_msg("%s: %s: %s\n", name, kind_names[out->kind], out->msg);
}

static int run_tests(const char *dir, struct dirent **files, int n, const struct tsv *tsv)
{
	char path[4096];
	struct outcome out;
	int i, passed = 0;

	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/tests/%s", dir, files[i]->d_name);
		run_file(path, tsv_find(tsv, files[i]->d_name), true, &out);
		if (out.kind != OUT_PASS)
			report(files[i]->d_name, &out);
		passed += out.kind == OUT_PASS;
		ksft_test_result(out.kind == OUT_PASS, "%s\n", files[i]->d_name);
	}
	return passed;
}

static const struct negative_case *negative_find(const char *file)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(negatives); i++)
		if (!strcmp(negatives[i].file, file))
			return &negatives[i];
	return NULL;
}

/* Does @out match what @nc expects? Says why not. */
static bool negative_ok(const struct negative_case *nc, const struct outcome *out)
{
	if (out->kind != nc->kind)
		ksft_print_msg("%s: expected \"%s\", got \"%s\": %s\n", nc->file,
			       kind_names[nc->kind], kind_names[out->kind], out->msg);
	else if (nc->where && out->where != nc->where)
		ksft_print_msg("%s: at %u, expected %u: %s\n", nc->file, out->where, nc->where, out->msg);
	else if (nc->token && strcmp(out->token, nc->token))
		ksft_print_msg("%s: token '%s', expected '%s'\n", nc->file, out->token, nc->token);
	else if (!strstr(out->msg, nc->msg))
		ksft_print_msg("%s: message \"%s\" lacks \"%s\"\n", nc->file, out->msg, nc->msg);
	else
		return true;
	return false;
}

static int run_negatives(const char *dir, struct dirent **files, int n, bool *seen)
{
	const struct negative_case *nc;
	struct outcome out;
	char path[4096];
	int i, ok, passed = 0;

	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/negative/%s", dir, files[i]->d_name);
		nc = negative_find(files[i]->d_name);
		run_file(path, NULL, false, &out);
		if (nc)
			seen[nc - negatives] = true;
		else
			ksft_print_msg("%s: no expectation in the table (it came to \"%s\": %s)\n",
				       files[i]->d_name, kind_names[out.kind], out.msg);
		ok = nc && negative_ok(nc, &out);
		passed += ok;
		ksft_test_result(ok, "negative/%s: %s\n", files[i]->d_name,
				 nc ? kind_names[nc->kind] : "?");
	}
	return passed;
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "tests/bpf_conformance";
	bool seen[ARRAY_SIZE(negatives)] = { false };
	struct dirent **tests, **negs;
	int ntests, nnegs, passed, neg_passed, i, missing = 0;
	char path[4096];
	struct tsv tsv;

	snprintf(path, sizeof(path), "%s/bytecode.tsv", dir);
	read_tsv(path, &tsv);
	snprintf(path, sizeof(path), "%s/tests", dir);
	ntests = list_data(path, &tests);
	snprintf(path, sizeof(path), "%s/negative", dir);
	nnegs = list_data(path, &negs);

	ksft_print_header();
	ksft_set_plan(ntests + nnegs + 1);
	passed = run_tests(dir, tests, ntests, &tsv);
	ksft_print_msg("%d of %d conformance files pass (interp and checked)\n", passed, ntests);
	neg_passed = run_negatives(dir, negs, nnegs, seen);
	ksft_print_msg("%d of %d negative files fail as expected\n", neg_passed, nnegs);
	for (i = 0; i < (int)ARRAY_SIZE(negatives); i++) {
		if (!seen[i]) {
			ksft_print_msg("negative/%s is in the table but missing\n", negatives[i].file);
			missing++;
		}
	}
	ksft_test_result(!missing, "every negative file of the table exists\n");

	for (i = 0; i < ntests; i++)
		free(tests[i]);
	for (i = 0; i < nnegs; i++)
		free(negs[i]);
	free(tests);
	free(negs);
	for (i = 0; i < tsv.count; i++)
		sip_tsv_entry_free(&tsv.entries[i]);
	free(tsv.entries);
	ksft_finished();
}
