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
#include "interp.h"
#include "conformance_helpers.h"

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes continuous hex text into bytes; returns the count or -1. */
static long unhex(const char *s, unsigned char *out, size_t cap)
{
	size_t n = 0;

	while (s[0] && s[1]) {
		int hi = hexval(s[0]), lo = hexval(s[1]);

		if (hi < 0 || lo < 0 || n >= cap)
			return -1;
		out[n++] = (unsigned char)(hi << 4 | lo);
		s += 2;
	}
	return s[0] ? -1 : (long)n;
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "tests/bpf_conformance/bytecode.tsv";
	static unsigned char prog_bytes[65536], mem[65536];
	static u64 stack[SIP_RUN_STACK_BYTES / 8];
	char line[200000];
	int total = 0, passed = 0;
	FILE *f;

	f = fopen(path, "r");
	if (!f)
		ksft_exit_fail_msg("cannot open %s\n", path);
	ksft_print_header();
	while (fgets(line, sizeof(line), f))
		total += line[0] != '#';
	ksft_set_plan(total);
	total = 0;
	rewind(f);
	while (fgets(line, sizeof(line), f)) {
		char *name, *expect, *memhex, *proghex;
		struct sip_prog *prog;
		struct sip_diag diag;
		long plen, mlen;
		u64 want;
		int mode, ok = 1;

		if (line[0] == '#')
			continue;
		line[strcspn(line, "\n")] = 0;
		name = strtok(line, "\t");
		expect = strtok(NULL, "\t");
		memhex = strtok(NULL, "\t");
		proghex = strtok(NULL, "\t");
		if (!proghex) {	/* no memory: the third field is the program */
			proghex = memhex;
			memhex = "";
		}
		if (!name || !expect || !proghex) {
			ksft_test_result_fail("malformed line in %s\n", path);
			continue;
		}
		total++;
		want = strtoull(expect, NULL, 16);
		plen = unhex(proghex, prog_bytes, sizeof(prog_bytes));
		mlen = unhex(memhex, mem, sizeof(mem));
		if (plen < 0 || plen % 8 || mlen < 0) {
			ksft_test_result_fail("%s: bad hex\n", name);
			continue;
		}
		if (sip_prog_load((struct sip_insn *)prog_bytes, plen / 8, &conformance_helpers,
				  &prog, &diag)) {
			ksft_print_msg("%s: load: insn %u: %s\n", name, diag.insn, diag.msg);
			ksft_test_result_fail("%s\n", name);
			continue;
		}
		for (mode = 0; mode < 2; mode++) {
			unsigned char copy[sizeof(mem)];
			struct sip_region region = { (unsigned long)copy, mlen, true };
			struct sip_run run = {
				.args = { mlen ? (unsigned long)copy : 0, mlen },
				.stack = stack,
				.regions = &region,
				.nr_regions = 1,
			};
			int ret;

			memcpy(copy, mem, mlen);
			ret = mode ? sip_interp_run_checked(prog, &run) : sip_interp_run(prog, &run);
			if (ret) {
				ksft_print_msg("%s (%s): fault at insn %u: %s (addr %#llx size %u)\n",
					       name, mode ? "checked" : "interp", run.fault.insn,
					       sip_fault_name(run.fault.kind), run.fault.addr, run.fault.size);
				ok = 0;
			} else if (run.r0 != want) {
				ksft_print_msg("%s (%s): r0 = %#llx, expected %#llx\n", name,
					       mode ? "checked" : "interp", run.r0, want);
				ok = 0;
			}
		}
		sip_prog_free(prog);
		passed += ok;
		ksft_test_result(ok, "%s\n", name);
	}
	fclose(f);
	ksft_print_msg("%d of %d bytecode.tsv programs pass in both interpreter modes\n", passed, total);
	ksft_finished();
}
