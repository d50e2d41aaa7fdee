// SPDX-License-Identifier: GPL-2.0
/*
 * sipbench: sipdrv's benchmarks that run on the host.
 *   sipbench interp [--kernels FILE.o] [--only NAME] [--iters N] [--rounds R]
 *                   [--no-native]
 * runs the driver-like kernels of bench/interp_kernels.c as bytecode in the
 * portable interpreter and as native code (gcc -O2), alternating the two,
 * and prints the median slow-down and the bytecode instructions per run.
 *   sipbench verify [--reps R] [--only straight|loops]
 * generates large raw programs (straight-line code whose branches merge
 * again, and nests of loops over private data) of growing size, verifies
 * each R times and prints the median time, instructions verified and
 * explored per second, the nanoseconds per instruction (constant when the
 * time grows linearly with the size) and the verifier's peak memory.
 *   sipbench chan [--count N] [--rounds R] [--driver ECHO.o] [--only WORD]
 * measures message round trips (send + reply) on the ping contract, in TSC
 * cycles (rdtsc) and ns: two endpoints in one thread, the kernel side and
 * the echo SIP (interpreter; the handler runs in the sender's call), and two
 * endpoints on two threads (each spinning on its ring); each with no block,
 * a 1-byte block and a 4 KiB block (ownership moves, bytes do not).
 *   sipbench pipe [--count N] [--rounds R]
 * the same round trip between two processes over two pipes, 1 byte each way:
 * what Linux offers without sipdrv, to compare with sipctl ping.
 *   sipbench mark
 * executes the marker instruction of bench/tcg_count.c (a no-op anywhere
 * else): under QEMU with that plugin, the guest's instruction counts since
 * the last mark are written out.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <bpf/libbpf.h>
#include <sipdrv/contracts.h>

#include "channel.h"
#include "image_build.h"
#include "image_parse.h"
#include "instance.h"
#include "interp.h"
#include "verifier.h"

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

/* ---- verify: the verifier's speed on large generated programs ---- */

#define VB_DATA_SIZE	512
#define VB_MAX_SIZES	4
#define VB_BLOCK_MAX	64	/* instructions of any block below, at most */

struct vb_prog {
	struct sip_insn *insns;
	u32 len;
};

/* Appends one instruction of row @op (its variant field comes from the row). */
static void vb_emit(struct vb_prog *p, enum sip_op op, u8 dst, u8 src, s16 off, s32 imm)
{
	sip_insn_make(&p->insns[p->len], op, dst, src, off, imm);
	p->len += sip_op_slots(op);
}

#define E(p, op, dst, src, off, imm) vb_emit(p, SIP_OP_##op, dst, src, off, imm)

/* Arithmetic on several registers: r2, r3 stay constants, r6-r9 do not. */
static void vb_alu_run(struct vb_prog *p, u32 i)
{
	E(p, ADD64_K, 2, 0, 0, 7);
	E(p, MUL64_X, 3, 2, 0, 0);
	E(p, XOR64_X, 6, 1, 0, 0);
	E(p, AND64_K, 6, 0, 0, 0xffff);
	E(p, ADD64_X, 7, 6, 0, 0);
	E(p, RSH64_K, 7, 0, 0, 1 + i % 3);
	E(p, OR64_X, 8, 7, 0, 0);
	E(p, SUB64_K, 9, 0, 0, 3);
	E(p, MOV32_X, 4, 9, 0, 0);
	E(p, LSH64_K, 4, 0, 0, 2);
}

/* Spills and fills, and partial stores read back narrower. */
static void vb_stack_run(struct vb_prog *p, u32 i)
{
	s16 slot = (s16)(-8 * (1 + i % 4));

	E(p, STXDW, 10, 7, slot, 0);
	E(p, LDXDW, 5, 10, slot, 0);
	E(p, STXW, 10, 2, -40, 0);
	E(p, LDXH, 4, 10, -40, 0);
	E(p, ADD64_X, 5, 4, 0, 0);
}

/*
 * "x = c ? a : b" stored to the stack: both arms leave the same state, so
 * the second path to reach the join is pruned there.
 */
static void vb_diamond(struct vb_prog *p)
{
	E(p, LDXW, 4, 10, -40, 0);
	E(p, JGT_K, 4, 0, 3, 1000);
	E(p, STXW, 10, 5, -48, 0);
	E(p, MOV64_K, 4, 0, 0, 0);
	E(p, JA, 0, 0, 2, 0);
	E(p, STW, 10, 0, -48, 1000);
	E(p, MOV64_K, 4, 0, 0, 0);
}

static void vb_straight_block(struct vb_prog *p, u32 i)
{
	vb_alu_run(p, i);
	vb_stack_run(p, i);
	vb_alu_run(p, i + 1);
	vb_diamond(p);
	vb_alu_run(p, i + 2);
	vb_stack_run(p, i + 1);
	vb_alu_run(p, i + 3);
}

/* Every register and the slots the blocks read are set first. */
static void vb_prologue(struct vb_prog *p)
{
	u8 r;

	for (r = 2; r <= 9; r++)
		E(p, MOV64_K, r, 0, 0, r);
	E(p, STDW, 10, 0, -40, 0);
	E(p, STDW, 10, 0, -48, 0);
}

static void vb_epilogue(struct vb_prog *p)
{
	E(p, MOV64_X, 0, 5, 0, 0);
	E(p, EXIT, 0, 0, 0, 0);
}

/*
 * A driver's loops over a 512-byte table in private data: a 16 x 8 nest
 * updating table[(i * 8 + j) % 64], then a byte scan that stops at a zero.
 * Indices are masked before they make addresses.
 */
static void vb_loop_nest(struct vb_prog *p)
{
	u32 outer, inner, scan, done;

	vb_emit(p, SIP_OP_LDDW_DATA, 6, 0, 0, 0);
	E(p, MOV64_K, 7, 0, 0, 0);
	outer = p->len;
	E(p, MOV64_K, 8, 0, 0, 0);
	inner = p->len;
	E(p, MOV64_X, 2, 7, 0, 0);
	E(p, LSH64_K, 2, 0, 0, 3);
	E(p, ADD64_X, 2, 8, 0, 0);
	E(p, AND64_K, 2, 0, 0, 63);
	E(p, LSH64_K, 2, 0, 0, 3);
	E(p, MOV64_X, 3, 6, 0, 0);
	E(p, ADD64_X, 3, 2, 0, 0);
	E(p, LDXDW, 4, 3, 0, 0);
	E(p, ADD64_X, 4, 8, 0, 0);
	E(p, STXDW, 3, 4, 0, 0);
	E(p, ADD64_K, 8, 0, 0, 1);
	E(p, JLT_K, 8, 0, (s16)(inner - p->len - 1), 8);
	E(p, ADD64_K, 7, 0, 0, 1);
	E(p, JLT_K, 7, 0, (s16)(outer - p->len - 1), 16);
	E(p, MOV64_K, 8, 0, 0, 0);
	scan = p->len;
	E(p, MOV64_X, 2, 8, 0, 0);
	E(p, AND64_K, 2, 0, 0, VB_DATA_SIZE - 1);
	E(p, MOV64_X, 3, 6, 0, 0);
	E(p, ADD64_X, 3, 2, 0, 0);
	E(p, LDXB, 4, 3, 0, 0);
	done = p->len;
	E(p, JEQ_K, 4, 0, 0, 0);	/* to the end of the nest: patched below */
	E(p, ADD64_X, 9, 4, 0, 0);
	E(p, ADD64_K, 8, 0, 0, 1);
	E(p, JLT_K, 8, 0, (s16)(scan - p->len - 1), VB_DATA_SIZE);
	p->insns[done].off = (s16)(p->len - done - 1);
}

enum vb_shape { VB_STRAIGHT, VB_LOOPS };

/* A program of a little under @size instructions, of blocks of one shape. */
static int vb_generate(enum vb_shape shape, u32 size, struct vb_prog *p)
{
	u32 i;

	p->insns = calloc(size + VB_BLOCK_MAX, sizeof(*p->insns));
	if (!p->insns)
		return -ENOMEM;
	p->len = 0;
	vb_prologue(p);
	for (i = 0; p->len + VB_BLOCK_MAX <= size; i++) {
		if (shape == VB_STRAIGHT)
			vb_straight_block(p, i);
		else
			vb_loop_nest(p);
	}
	vb_epilogue(p);
	return 0;
}

/* Verifies @p @reps times; prints one line of figures. */
static int vb_measure(const char *name, const struct vb_prog *p, int reps)
{
	struct sip_vprog vp = {
		.insns = p->insns, .len = p->len, .kind = SIP_VKIND_RAW, .data_size = VB_DATA_SIZE,
	};
	struct sip_verify_stats st;
	struct sip_diag diag;
	double ns[16], med;
	int r, ret;

	for (r = 0; r < reps; r++) {
		double t0 = now_ns();

		ret = sip_verify(&vp, NULL, &st, &diag);
		ns[r] = now_ns() - t0;
		if (ret) {
			char msg[256];

			sip_verify_format(&vp, &diag, msg, sizeof(msg));
			fprintf(stderr, "sipbench: verify: %s of %u insns refused: %s\n", name, p->len,
				msg);
			return -1;
		}
	}
	qsort(ns, reps, sizeof(double), cmp_double);
	med = ns[reps / 2];
	printf("%-9s %8u %9llu %7u %9.1f %9.1f %10.2f %12.2f %8.0f\n", name, p->len, st.processed,
	       st.states, st.peak_bytes / 1048576.0, med / 1e6, p->len / med * 1e3,
	       st.processed / med * 1e3, med / p->len);
	return 0;
}

static int cmd_verify(int argc, char **argv)
{
	static const struct {
		const char *name;
		enum vb_shape shape;
		u32 sizes[VB_MAX_SIZES];
	} sets[] = {
		/* sized to stay under SIP_VERIFY_MAX_PROCESSED and _MAX_STATES */
		{ "straight", VB_STRAIGHT, { 10000, 100000, 300000, 900000 } },
		{ "loops", VB_LOOPS, { 500, 1000, 2000, 4000 } },
	};
	const char *only = NULL;
	int reps = 5, i, j, ret = 0;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--reps") && i + 1 < argc)
			reps = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--only") && i + 1 < argc)
			only = argv[++i];
		else {
			fprintf(stderr, "sipbench: verify: unknown argument '%s'\n", argv[i]);
			return 2;
		}
	}
	if (reps < 1 || reps > 15) {
		fprintf(stderr, "sipbench: verify: --reps must be 1..15\n");
		return 2;
	}
	printf("%-9s %8s %9s %7s %9s %9s %10s %12s %8s\n", "program", "insns", "explored",
	       "states", "peak MiB", "ms", "M insns/s", "M explored/s", "ns/insn");
	for (i = 0; i < (int)ARRAY_SIZE(sets); i++) {
		if (only && strcmp(only, sets[i].name))
			continue;
		for (j = 0; j < VB_MAX_SIZES; j++) {
			struct vb_prog p;

			if (vb_generate(sets[i].shape, sets[i].sizes[j], &p))
				return 1;
			if (vb_measure(sets[i].name, &p, reps))
				ret = 1;
			free(p.insns);
		}
	}
	return ret;
}

/* ---- sipbench chan / pipe: message round trips ---- */

static inline u64 tsc(void)
{
#if defined(__x86_64__) || defined(__i386__)
	u32 lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
#else
	return 0;	/* no cycle counter: the cycles column reads 0 */
#endif
}

struct rt_result {
	double cycles, ns;	/* per round trip, median of the rounds */
};

/* One way of making @n round trips; returns 0 or -1 with the reason printed. */
struct rt_case {
	const char *name;
	u32 size;		/* block bytes: 0 for none */
	int (*setup)(struct rt_case *c);
	int (*run)(struct rt_case *c, u32 n);
	void (*teardown)(struct rt_case *c);
	/* state */
	struct xheap *heap;
	struct sip_channel *ch;
	struct sip_endpoint *client, *server;
	struct sip_instance *si;
	sip_handle_t blk;
	u32 server_owner;
	pthread_t thread;
	bool thread_started;	/* the server runs on c->thread: spin for the echo */
	atomic_int stop;
	void *image;
	u32 image_size;
	struct sip_image_view view;
};

static const char *echo_path = "build/drivers/echo.o";

static int rt_heap(struct rt_case *c)
{
	c->heap = xheap_create(4 << 20);
	if (IS_ERR(c->heap)) {
		fprintf(stderr, "sipbench: no exchange heap: %s\n", strerror((int)-PTR_ERR(c->heap)));
		c->heap = NULL;
		return -1;
	}
	return 0;
}

/* The kernel's block for the ping, if the case has one. */
static int rt_block(struct rt_case *c)
{
	void *p;

	c->blk = 0;
	if (!c->size)
		return 0;
	if (xheap_alloc(c->heap, XHEAP_KERNEL, c->size, &c->blk, &p)) {
		fprintf(stderr, "sipbench: cannot allocate a %u-byte block\n", c->size);
		return -1;
	}
	memset(p, 0x5a, c->size);
	return 0;
}

static int rt_chan_setup(struct rt_case *c)
{
	struct xheap_quota q = { 0, 0 };

	if (rt_heap(c) || xheap_owner_add(c->heap, &q, &c->server_owner))
		return -1;
	c->ch = sip_channel_create(c->heap, sip_contract_find("sipdrv.ping"), 64, XHEAP_KERNEL,
				   c->server_owner);
	if (IS_ERR(c->ch)) {
		fprintf(stderr, "sipbench: cannot make a ping channel: %s\n",
			strerror((int)-PTR_ERR(c->ch)));
		c->ch = NULL;
		return -1;
	}
	c->client = sip_channel_end(c->ch, SIP_CLIENT);
	c->server = sip_channel_end(c->ch, SIP_SERVER);
	return rt_block(c);
}

static void rt_teardown(struct rt_case *c)
{
	if (c->blk)
		xheap_free(c->heap, XHEAP_KERNEL, c->blk);
	if (c->si)
		sip_instance_destroy(c->si);
	else if (c->server)
		sip_endpoint_close(c->server);
	if (c->client)
		sip_endpoint_close(c->client);
	free(c->image);
	xheap_destroy(c->heap);
}

/* The kernel side's half: a ping out, and (spinning) its echo back with the block. */
static int rt_ping(struct rt_case *c, u64 seq, int spin)
{
	u64 args[SIP_CHAN_ARGS] = { seq, 0, 0 };
	struct sip_chmsg m;
	int ret;

	ret = sip_channel_send(c->client, SIP_PING, args, c->blk, NULL);
	if (ret)
		return ret;
	while (!(ret = sip_channel_recv(c->client, &m)))
		if (!spin)
			return -EAGAIN;
	if (ret < 0 || m.tag != SIP_ECHO || m.args[0] != seq)
		return -EPROTO;
	c->blk = m.block;
	return 0;
}

/* Two endpoints, one thread: ping, take it at the server, echo, take the echo. */
static int rt_chan_run(struct rt_case *c, u32 n)
{
	struct sip_chmsg m;
	u32 i;

	for (i = 0; i < n; i++) {
		u64 args[SIP_CHAN_ARGS] = { i, 0, 0 };

		if (sip_channel_send(c->client, SIP_PING, args, c->blk, NULL) ||
		    sip_channel_recv(c->server, &m) != 1 ||
		    sip_channel_send(c->server, SIP_ECHO, m.args, m.block, NULL) ||
		    sip_channel_recv(c->client, &m) != 1 || m.args[0] != i)
			return -1;
		c->blk = m.block;
	}
	return 0;
}

static void sip_log_quiet(struct sip_instance *si, const char *text, u32 len)
{
	(void)si, (void)text, (void)len;
}

/* The kernel side and the echo SIP: the SIP's handler runs inside our send. */
static int rt_sip_setup(struct rt_case *c)
{
	struct sip_instance_opts o = {
		.engine = &sip_engine_interp, .log = sip_log_quiet,
	};
	struct sip_diag diag;
	char msg[256];

	if (rt_heap(c))
		return -1;
	o.heap = c->heap;
	if (sip_image_build(echo_path, &c->image, &c->image_size, msg, sizeof(msg)) ||
	    sip_image_parse(c->image, c->image_size, &c->view, &diag)) {
		fprintf(stderr, "sipbench: %s: %s\n", echo_path, c->image ? diag.msg : msg);
		return -1;
	}
	if (sip_instance_create(&c->view, &o, &c->si, msg, sizeof(msg))) {
		fprintf(stderr, "sipbench: %s: %s\n", echo_path, msg);
		return -1;
	}
	c->ch = sip_channel_create(c->heap, sip_contract_find("sipdrv.ping"), 64, XHEAP_KERNEL,
				   sip_instance_owner(c->si));
	if (IS_ERR(c->ch)) {
		fprintf(stderr, "sipbench: cannot make a ping channel: %s\n",
			strerror((int)-PTR_ERR(c->ch)));
		c->ch = NULL;
		return -1;
	}
	if (sip_instance_attach(c->si, 0, sip_channel_end(c->ch, SIP_SERVER)) ||
	    sip_instance_start(c->si)) {
		fprintf(stderr, "sipbench: the echo SIP does not start\n");
		return -1;
	}
	c->client = sip_channel_end(c->ch, SIP_CLIENT);
	return rt_block(c);
}

/* Pings from the kernel side: answered in the send (SIP) or by the server thread. */
static int rt_ping_run(struct rt_case *c, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++)
		if (rt_ping(c, i, c->thread_started))
			return -1;
	return 0;
}

/* The server on its own thread, spinning on its ring. */
static void *rt_server(void *arg)
{
	struct rt_case *c = arg;
	struct sip_chmsg m;
	int ret;

	while (!atomic_load_explicit(&c->stop, memory_order_relaxed)) {
		ret = sip_channel_recv(c->server, &m);
		if (ret <= 0 || (m.flags & SIP_CHMSG_CLOSED))
			continue;
		while (sip_channel_send(c->server, SIP_ECHO, m.args, m.block, NULL) == -EAGAIN)
			;
	}
	return NULL;
}

static int rt_thread_setup(struct rt_case *c)
{
	if (rt_chan_setup(c))
		return -1;
	atomic_store(&c->stop, 0);
	if (pthread_create(&c->thread, NULL, rt_server, c)) {
		fprintf(stderr, "sipbench: no thread\n");
		return -1;
	}
	c->thread_started = true;
	return 0;
}

static void rt_thread_teardown(struct rt_case *c)
{
	atomic_store(&c->stop, 1);
	if (c->thread_started)
		pthread_join(c->thread, NULL);
	rt_teardown(c);
}

static int rt_measure(struct rt_case *c, u32 count, int rounds, struct rt_result *r)
{
	double *cyc = calloc(rounds, sizeof(double)), *ns = calloc(rounds, sizeof(double));
	int i, ret = -1;

	if (!cyc || !ns || c->setup(c))
		goto out;
	if (c->run(c, count / 10 + 1))	/* warm up */
		goto fail;
	for (i = 0; i < rounds; i++) {
		double t0 = now_ns();
		u64 c0 = tsc();

		if (c->run(c, count))
			goto fail;
		cyc[i] = (double)(tsc() - c0) / count;
		ns[i] = (now_ns() - t0) / count;
	}
	qsort(cyc, rounds, sizeof(double), cmp_double);
	qsort(ns, rounds, sizeof(double), cmp_double);
	r->cycles = cyc[rounds / 2];
	r->ns = ns[rounds / 2];
	ret = 0;
	goto done;
fail:
	fprintf(stderr, "sipbench: %s: a round trip failed\n", c->name);
done:
	c->teardown(c);
out:
	free(cyc);
	free(ns);
	return ret;
}

static int cmd_chan(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*setup)(struct rt_case *c);
		int (*run)(struct rt_case *c, u32 n);
		void (*teardown)(struct rt_case *c);
	} kinds[] = {
		{ "channel, one thread", rt_chan_setup, rt_chan_run, rt_teardown },
		{ "kernel side <-> echo SIP", rt_sip_setup, rt_ping_run, rt_teardown },
		{ "channel, two threads", rt_thread_setup, rt_ping_run, rt_thread_teardown },
	};
	static const u32 sizes[] = { 0, 1, 4096 };
	const char *only = NULL;
	u32 count = 200000;
	int rounds = 7, i, ret = 0;
	size_t k, j;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--count") && i + 1 < argc)
			count = strtoul(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--rounds") && i + 1 < argc)
			rounds = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--driver") && i + 1 < argc)
			echo_path = argv[++i];
		else if (!strcmp(argv[i], "--only") && i + 1 < argc)
			only = argv[++i];
		else {
			fprintf(stderr, "sipbench chan: unknown argument %s\n", argv[i]);
			return 2;
		}
	}
	if (!count || rounds < 1) {
		fprintf(stderr, "sipbench chan: --count and --rounds must be positive\n");
		return 2;
	}
	printf("%-26s %-10s %12s %10s\n", "round trip", "block", "TSC cycles", "ns");
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		if (only && !strstr(kinds[k].name, only))
			continue;
		for (j = 0; j < sizeof(sizes) / sizeof(sizes[0]); j++) {
			struct rt_case c = {
				.name = kinds[k].name, .size = sizes[j], .setup = kinds[k].setup,
				.run = kinds[k].run, .teardown = kinds[k].teardown,
			};
			struct rt_result r;
			char b[16];

			snprintf(b, sizeof(b), sizes[j] ? "%u B" : "none", sizes[j]);
			/* Threads hand messages over through the cache: fewer of them. */
			if (rt_measure(&c, kinds[k].setup == rt_thread_setup ? count / 10 : count,
				       rounds, &r)) {
				ret = 1;
				continue;
			}
			printf("%-26s %-10s %12.0f %10.1f\n", kinds[k].name, b, r.cycles, r.ns);
		}
	}
	return ret;
}

/* Two processes, two pipes, one byte each way. */
static int cmd_pipe(int argc, char **argv)
{
	u32 count = 20000, n;
	int rounds = 5, i, up[2], down[2];
	double *ns;
	pid_t pid;
	char b = 0;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--count") && i + 1 < argc)
			count = strtoul(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--rounds") && i + 1 < argc)
			rounds = atoi(argv[++i]);
		else {
			fprintf(stderr, "sipbench pipe: unknown argument %s\n", argv[i]);
			return 2;
		}
	}
	if (!count || rounds < 1) {
		fprintf(stderr, "sipbench pipe: --count and --rounds must be positive\n");
		return 2;
	}
	if (pipe(up) || pipe(down)) {
		perror("sipbench: pipe");
		return 1;
	}
	pid = fork();
	if (pid < 0) {
		perror("sipbench: fork");
		return 1;
	}
	if (!pid) {		/* the echo process */
		close(up[1]);
		close(down[0]);
		while (read(up[0], &b, 1) == 1)
			if (write(down[1], &b, 1) != 1)
				_exit(1);
		_exit(0);
	}
	close(up[0]);
	close(down[1]);
	ns = calloc(rounds, sizeof(double));
	if (!ns)
		return 1;
	for (i = -1; i < rounds; i++) {		/* round -1 warms up */
		double t0 = now_ns();

		for (n = 0; n < count; n++) {
			if (write(up[1], &b, 1) != 1 || read(down[0], &b, 1) != 1) {
				perror("sipbench: pipe round trip");
				return 1;
			}
		}
		if (i >= 0)
			ns[i] = (now_ns() - t0) / count;
	}
	close(up[1]);
	waitpid(pid, NULL, 0);
	qsort(ns, rounds, sizeof(double), cmp_double);
	printf("pipe round trip between two processes: %.1f ns (median of %d rounds of %u)\n",
	       ns[rounds / 2], rounds, count);
	free(ns);
	return 0;
}

static int cmd_mark(void)
{
#if defined(__x86_64__)
	__asm__ volatile(".byte 0x0f, 0x1f, 0x80, 0xde, 0xc0, 0x57, 0x51" ::: "memory");
	return 0;
#else
	fprintf(stderr, "sipbench mark: x86-64 only\n");
	return 1;
#endif
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "interp"))
		return cmd_interp(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "verify"))
		return cmd_verify(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "chan"))
		return cmd_chan(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "pipe"))
		return cmd_pipe(argc - 1, argv + 1);
	if (argc == 2 && !strcmp(argv[1], "mark"))
		return cmd_mark();
	fprintf(stderr, "usage: sipbench interp [--kernels FILE.o] [--only NAME] [--iters N] [--rounds R] [--no-native]\n"
			"       sipbench verify [--reps R] [--only straight|loops]\n"
			"       sipbench chan [--count N] [--rounds R] [--driver ECHO.o] [--only WORD]\n"
			"       sipbench pipe [--count N] [--rounds R]\n"
			"       sipbench mark\n");
	return 2;
}
