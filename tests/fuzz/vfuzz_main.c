// SPDX-License-Identifier: GPL-2.0
/*
 * The verifier fuzzer without libFuzzer (build/fuzz/verifier-run): it feeds
 * LLVMFuzzerTestOneInput from a PRNG, program i's input made from the seed
 * and i alone, so that a run is the same on every machine and a long run
 * can be split or resumed by range; and it replays files first.
 *
 *	verifier-run [-s SEED] [-n COUNT] [-f FIRST] [-o DIR] [FILE...]
 *
 * FILE is an input (bytes, as libFuzzer keeps them) or a case (NAME.s: a
 * program in the assembler's text, its setting in "# " lines, see
 * read_case()). Without -o, the first finding stops the run (status 1);
 * with -o, each finding's input is written to DIR and the run goes on.
 * The counts go to stderr at the end.
 */
#include <errno.h>
#include <malloc.h>
#include <setjmp.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "vfuzz.h"
#include "asm.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_INPUT	2048

static u64 splitmix(u64 *x)
{
	u64 z = (*x += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* Program @i's input: a length, then bytes, from the seed and i only. */
static size_t make_input(u64 seed, u64 i, u8 *buf)
{
	u64 x = seed ^ (i * 0xd1342543de82ef95ull), v = splitmix(&x);
	/* Mostly short: every item is a chance to be refused, as libFuzzer's first inputs are. */
	size_t len = 24 + (v % 8 ? v % 200 : v % (MAX_INPUT - 24)), k;

	for (k = 0; k < len; k++) {
		if (!(k % 8))
			v = splitmix(&x);
		buf[k] = (u8)(v >> (8 * (k % 8)));
	}
	return len;
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc(n + 1);
	if (buf && fread(buf, 1, n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	if (buf) {
		buf[n] = 0;
		*len = n;
	}
	return buf;
}

/* "key=value" of a "# run:" line into one run's setting. */
static void run_field(struct mock_setup *ms, const char *key, const char *val)
{
	u64 v = strtoull(val, NULL, 0);
	u32 i;

	if (!strcmp(key, "tag"))
		ms->tag = (u32)v;
	else if (!strcmp(key, "block"))
		ms->block_size = (u32)v;
	else if (!strcmp(key, "lent"))
		ms->lent = v;
	else if (!strcmp(key, "script"))
		ms->script = v;
	else if (!strcmp(key, "fail"))
		ms->fail_rate = (u8)v;
	else if (!strcmp(key, "take_back"))
		ms->take_back_at = (u16)v;
	else if (!strcmp(key, "abort"))
		ms->abort_at = (u16)v;
	else if (!strcmp(key, "args"))
		for (i = 0; i < 3 && *val; i++) {
			ms->args[i] = strtoull(val, (char **)&val, 0);
			val += *val == ',';
		}
	else if (!strcmp(key, "slots"))
		for (i = 0; i < MOCK_MAX_SLOTS && *val; i++) {
			ms->slot_size[i] = (u32)strtoul(val, (char **)&val, 0);
			val += *val == ',';
		}
}

/*
 * A case file: the program's text with, in comment lines,
 *	# kind: raw | msg		# data: N	# slots: N	# channels: N
 *	# r1: V V V			(raw: r1 of each run)
 *	# run: tag=N block=N lent=0|1 args=A,B,C slots=N,N script=N fail=N
 *	       take_back=N abort=N	(msg: one line per run; the last repeats)
 */
static int read_case(const char *path, const char *text, struct sip_insn **insns)
{
	struct vf_case c = { .kind = SIP_VKIND_RAW, .data_size = 64, .nr_slots = 1,
			     .nr_channels = 1 };
	struct sip_asm_error err;
	const char *line, *p;
	u32 len, runs = 0, i;
	char msg[256];

	for (line = text; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
		char key[16], rest[512];

		if (sscanf(line, "# %15[a-z0-9_]: %511[^\n]", key, rest) != 2)
			continue;
		if (!strcmp(key, "kind")) {
			c.kind = strncmp(rest, "msg", 3) ? SIP_VKIND_RAW : SIP_ENTRY_MSG;
		} else if (!strcmp(key, "data")) {
			c.data_size = (u32)strtoul(rest, NULL, 0);
		} else if (!strcmp(key, "slots")) {
			c.nr_slots = (u32)strtoul(rest, NULL, 0);
		} else if (!strcmp(key, "channels")) {
			c.nr_channels = (u32)strtoul(rest, NULL, 0);
		} else if (!strcmp(key, "r1")) {
			for (i = 0, p = rest; i < NR_RUNS; i++)
				c.r1[i] = strtoull(p, (char **)&p, 0);
		} else if (!strcmp(key, "run") && runs < NR_RUNS) {
			char *tok, *save;

			for (tok = strtok_r(rest, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
				char *eq = strchr(tok, '=');

				if (eq) {
					*eq = 0;
					run_field(&c.ms[runs], tok, eq + 1);
				}
			}
			runs++;
		}
	}
	for (i = 0; i < NR_RUNS; i++) {
		if (i >= runs && runs)
			c.ms[i] = c.ms[runs - 1];
		c.ms[i].nr_slots = c.nr_slots;
		c.ms[i].nr_channels = c.nr_channels;
	}
	if (sip_asm(text, insns, &len, &err)) {
		sip_asm_error_format(&err, msg, sizeof(msg));
		fprintf(stderr, "verifier-run: %s: %s\n", path, msg);
		return -1;
	}
	c.insns = *insns;
	c.len = len;
	vf_check_case(&c);
	return 0;
}

static jmp_buf finding;
static const char *out_dir;

static void keep(const char *name, const u8 *data, size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", out_dir ? out_dir : ".", name);
	f = fopen(path, "wb");
	if (f) {
		fwrite(data, 1, len, f);
		fclose(f);
	}
	fprintf(stderr, "verifier-run: the input is in %s (replay: build/fuzz/verifier-run %s)\n",
		path, path);
}

struct job {
	const char *path;	/* a case file, or NULL */
	const char *data;
	size_t len;
	struct sip_insn *insns;	/* the case's program */
	int ret;
};

static void run_job(struct job *j)
{
	if (j->path)
		j->ret = read_case(j->path, j->data, &j->insns);
	else
		LLVMFuzzerTestOneInput((const u8 *)j->data, j->len);
}

/* Runs @j; false when it was a finding (its report jumps back here). */
static bool guarded(struct job *j)
{
	if (setjmp(finding))
		return false;
	run_job(j);
	return true;
}

/* Program @i of @seed; false when it was a finding. */
static bool run_one(u64 seed, u64 i)
{
	static u8 buf[MAX_INPUT];
	struct job j = { .data = (const char *)buf, .len = make_input(seed, i, buf) };
	char name[64];

	if (guarded(&j))
		return true;
	snprintf(name, sizeof(name), "finding-%llu-%llu", seed, i);
	keep(name, buf, j.len);
	return false;
}

/* A file of an input or a case; false when it was a finding, or wrong. */
static bool run_file(const char *path)
{
	struct job j = { 0 };
	char *data = read_file(path, &j.len);
	bool ok;

	if (!data) {
		fprintf(stderr, "verifier-run: %s: %s\n", path, strerror(errno));
		return false;
	}
	j.data = data;
	if (strlen(path) > 2 && !strcmp(path + strlen(path) - 2, ".s"))
		j.path = path;
	ok = guarded(&j) && !j.ret;
	if (!ok)
		fprintf(stderr, "verifier-run: %s failed\n", path);
	free(j.insns);
	free(data);
	return ok;
}

int main(int argc, char **argv)
{
	u64 seed = 1, count = 1000, first = 0, i;
	struct timespec t0, t1;
	int opt, arg;
	double secs;

	while ((opt = getopt(argc, argv, "s:n:f:o:")) != -1) {
		switch (opt) {
		case 's':
			seed = strtoull(optarg, NULL, 0);
			break;
		case 'n':
			count = strtoull(optarg, NULL, 0);
			break;
		case 'f':
			first = strtoull(optarg, NULL, 0);
			break;
		case 'o':
			out_dir = optarg;
			mkdir(out_dir, 0755);
			break;
		default:
			fprintf(stderr, "usage: %s [-s SEED] [-n COUNT] [-f FIRST] [-o DIR] [FILE...]\n",
				argv[0]);
			return 2;
		}
	}
	/* The oracle's states come and go by the megabyte: keep the memory. */
	mallopt(M_TRIM_THRESHOLD, 512 << 20);
	mallopt(M_MMAP_THRESHOLD, 64 << 20);
	LLVMFuzzerInitialize(&argc, &argv);
	vf_finding_jmp = &finding;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (arg = optind; arg < argc; arg++)
		if (!run_file(argv[arg]) && !out_dir)
			return 1;
	for (i = first; i < first + count; i++) {
		if (!run_one(seed, i) && !out_dir)
			return 1;
		if (!((i + 1 - first) % (1u << 20)))
			fprintf(stderr, "verifier-run: seed %llu: programs up to %llu done (resume with -f %llu)\n",
				seed, i, i + 1);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) * 1e-9;
	if (count)
		fprintf(stderr, "verifier-run: seed %llu, programs %llu..%llu: ", seed, first,
			first + count - 1);
	else
		fprintf(stderr, "verifier-run: ");
	fprintf(stderr, "%llu findings, %.1f s (%.0f programs/s)\n", vf_stats.findings, secs,
		secs > 0 ? vf_stats.programs / secs : 0.0);
	return vf_stats.findings ? 1 : 0;
}
