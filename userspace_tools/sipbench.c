// SPDX-License-Identifier: GPL-2.0
/*
 * sipbench: sipdrv's benchmarks that run on the host.
 *   sipbench interp [--kernels FILE.o] [--only NAME] [--iters N] [--rounds R]
 *                   [--no-native]
 * runs the driver-like kernels of bench/interp_kernels.c as bytecode in the
 * portable interpreter and as native code (gcc -O2), alternating the two,
 * and prints the median slow-down and the bytecode instructions per run.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <bpf/libbpf.h>

#include "interp.h"

typedef u64 (*native_fn)(const u8 *data, u64 len);
u64 bench_checksum(const u8 *data, u64 len);
u64 bench_parse(const u8 *data, u64 len);
u64 bench_arith(const u8 *data, u64 len);

#define DATA_LEN 4096

static u8 data[DATA_LEN];

static struct kernel {
	const char *name;	/* the BPF program's function name */
	native_fn native;
	const char *what;
} kernels[] = {
	{ "bench_checksum", bench_checksum, "Internet checksum over 4 KiB" },
	{ "bench_parse", bench_parse, "TLV header parse over 4 KiB" },
	{ "bench_arith", bench_arith, "xorshift arithmetic loop, 4096 steps" },
};

/* Deterministic input: random bytes, then a TLV stream for the parser. */
static void fill_data(u8 *buf, int tlv)
{
	u64 x = 0x243f6a8885a308d3ull;
	u32 i = 0;

	for (i = 0; i < DATA_LEN; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		buf[i] = (u8)x;
	}
	if (!tlv)
		return;
	for (i = 0; i + 2 < DATA_LEN;) {
		u8 len = (u8)(buf[i + 1] % 32);

		buf[i] = (u8)(buf[i] % 3);
		buf[i + 1] = len;
		i += 2 + len;
	}
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static u64 stack[SIP_RUN_STACK_BYTES / 8];

static u64 run_interp(const struct sip_prog *prog, const u8 *buf, int checked, u64 *executed)
{
	struct sip_region region = { (unsigned long)buf, DATA_LEN, false };
	struct sip_run run = {
		.args = { (unsigned long)buf, DATA_LEN },
		.stack = stack,
		.regions = &region,
		.nr_regions = 1,
	};
	int ret = checked ? sip_interp_run_checked(prog, &run) : sip_interp_run(prog, &run);

	if (ret) {
		fprintf(stderr, "sipbench: fault at insn %u: %s\n", run.fault.insn,
			sip_fault_name(run.fault.kind));
		exit(1);
	}
	if (executed)
		*executed = run.executed;
	return run.r0;
}

static int bench_one(struct kernel *k, struct bpf_program *bp, long iters, int rounds,
		     int no_native)
{
	double ratios[64], nat_ns[64], int_ns[64];
	struct sip_prog *prog;
	struct sip_diag diag;
	u64 want, got, executed;
	volatile u64 sink = 0;
	int r;
	long i;

	fill_data(data, k->native == bench_parse);
	if (sip_prog_load((const struct sip_insn *)bpf_program__insns(bp),
			  bpf_program__insn_cnt(bp), NULL, &prog, &diag)) {
		fprintf(stderr, "sipbench: %s: insn %u: %s\n", k->name, diag.insn, diag.msg);
		return -1;
	}
	want = k->native(data, DATA_LEN);
	got = run_interp(prog, data, 1, &executed);
	if (got != want) {
		fprintf(stderr, "sipbench: %s: interpreter gives %#llx, native %#llx\n",
			k->name, got, want);
		return -1;
	}
	for (r = 0; r < rounds; r++) {
		double t0 = now_ns();

		if (!no_native)
			for (i = 0; i < iters; i++)
				sink += k->native(data, DATA_LEN);
		nat_ns[r] = (now_ns() - t0) / iters;
		t0 = now_ns();
		for (i = 0; i < iters; i++)
			sink += run_interp(prog, data, 0, NULL);
		int_ns[r] = (now_ns() - t0) / iters;
		ratios[r] = int_ns[r] / (nat_ns[r] > 0 ? nat_ns[r] : 1);
	}
	qsort(ratios, rounds, sizeof(double), cmp_double);
	qsort(nat_ns, rounds, sizeof(double), cmp_double);
	qsort(int_ns, rounds, sizeof(double), cmp_double);
	printf("%-15s %12.0f %12.0f %9.1fx %12llu %10.2f   %s\n", k->name + 6,
	       nat_ns[rounds / 2], int_ns[rounds / 2], no_native ? 0 : ratios[rounds / 2],
	       executed, int_ns[rounds / 2] / executed, k->what);
	sip_prog_free(prog);
	return 0;
}

static int cmd_interp(int argc, char **argv)
{
	const char *path = "build/bench/interp_kernels.bpf.o", *only = NULL;
	long iters = 2000;
	int rounds = 5, no_native = 0, i, ret = 0;
	struct bpf_object *obj;
	struct bpf_program *bp;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--kernels") && i + 1 < argc)
			path = argv[++i];
		else if (!strcmp(argv[i], "--only") && i + 1 < argc)
			only = argv[++i];
		else if (!strcmp(argv[i], "--iters") && i + 1 < argc)
			iters = atol(argv[++i]);
		else if (!strcmp(argv[i], "--rounds") && i + 1 < argc)
			rounds = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--no-native"))
			no_native = 1;
		else {
			fprintf(stderr, "sipbench: interp: unknown argument '%s'\n", argv[i]);
			return 2;
		}
	}
	if (iters < 1 || rounds < 1 || rounds > 63) {
		fprintf(stderr, "sipbench: interp: --iters must be >= 1, --rounds 1..63\n");
		return 2;
	}
	libbpf_set_print(NULL);
	obj = bpf_object__open_file(path, NULL);
	if (!obj) {
		fprintf(stderr, "sipbench: cannot open %s: %s\n", path, strerror(errno));
		return 1;
	}
	printf("%-15s %12s %12s %10s %12s %10s\n", "kernel", "native ns", "interp ns",
	       "slow-down", "bytecode/run", "ns/insn");
	for (i = 0; i < (int)(sizeof(kernels) / sizeof(kernels[0])); i++) {
		if (only && strcmp(only, kernels[i].name + 6))
			continue;
		bp = bpf_object__find_program_by_name(obj, kernels[i].name);
		if (!bp) {
			fprintf(stderr, "sipbench: %s has no program %s\n", path, kernels[i].name);
			ret = 1;
			continue;
		}
		if (bench_one(&kernels[i], bp, iters, rounds, no_native))
			ret = 1;
	}
	bpf_object__close(obj);
	return ret;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "interp"))
		return cmd_interp(argc - 1, argv + 1);
	fprintf(stderr, "usage: sipbench interp [--kernels FILE.o] [--only NAME] [--iters N] [--rounds R] [--no-native]\n");
	return 2;
}
