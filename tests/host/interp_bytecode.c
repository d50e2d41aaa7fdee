// SPDX-License-Identifier: GPL-2.0
/*
 * Runs every program of tests/bpf_conformance/bytecode.tsv (the bytes the
 * upstream runner sends, independent of our assembler) through the
 * interpreter in both modes and compares r0 with the expected value.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest.h"
#include "bytecode_tsv.h"
#include "conformance_helpers.h"
#include "interp.h"

static const char *const mode_names[] = { "interp", "checked" };

/* Runs @prog in @mode on a copy of the entry's memory; 1 when r0 is right. */
static int run_mode(const struct sip_prog *prog, const struct sip_tsv_entry *e, int mode)
{
	static u64 stack[SIP_RUN_STACK_BYTES / 8];
	unsigned char *copy = malloc(e->mem_len + 1);
	struct sip_region region = { (unsigned long)copy, e->mem_len, true };
	struct sip_run run = {
		.args = { e->mem_len ? (unsigned long)copy : 0, e->mem_len },
		.stack = stack,
		.regions = &region,
		.nr_regions = 1,
	};
	int ret, ok = 0;

	memcpy(copy, e->mem, e->mem_len);
	ret = mode ? sip_interp_run_checked(prog, &run) : sip_interp_run(prog, &run);
	if (ret)
		ksft_print_msg("%s (%s): fault at insn %u: %s (addr %#llx size %u)\n", e->name,
			       mode_names[mode], run.fault.insn, sip_fault_name(run.fault.kind),
			       run.fault.addr, run.fault.size);
	else if (run.r0 != e->expected)
		ksft_print_msg("%s (%s): r0 = %#llx, expected %#llx\n", e->name, mode_names[mode],
			       run.r0, e->expected);
	else
		ok = 1;
	free(copy);
	return ok;
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "tests/bpf_conformance/bytecode.tsv";
	struct sip_tsv_entry e = { 0 };
	int total, passed = 0, ret;
	FILE *f;

	total = sip_tsv_count(path);
	f = fopen(path, "r");
	if (total <= 0 || !f)
		ksft_exit_fail_msg("cannot read %s\n", path);
	ksft_print_header();
	ksft_set_plan(total);
	while ((ret = sip_tsv_next(f, &e)) > 0) {
		struct sip_prog *prog;
		struct sip_diag diag;
		int ok;

		if (sip_prog_load(e.insns, e.insn_cnt, &conformance_helpers, &prog, &diag)) {
			ksft_print_msg("%s: load refused: insn %u: %s\n", e.name, diag.insn, diag.msg);
			ksft_test_result_fail("%s\n", e.name);
			continue;
		}
		ok = run_mode(prog, &e, 0) & run_mode(prog, &e, 1);
		sip_prog_free(prog);
		passed += ok;
		ksft_test_result(ok, "%s\n", e.name);
	}
	if (ret < 0)
		ksft_test_result_fail("malformed line in %s\n", path);
	sip_tsv_entry_free(&e);
	fclose(f);
	ksft_print_msg("%d of %d bytecode.tsv programs pass in both interpreter modes\n", passed, total);
	ksft_finished();
}
