// SPDX-License-Identifier: GPL-2.0
/* sipctl: the command-line front end of sipdrv (talks to /dev/sipdrv). */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <uapi/sipdrv.h>
#include <sipdrv/abi.h>
#include <sipdrv/version.h>

#include "disasm.h"
#include "image_build.h"
#include "image_parse.h"
#include "image_verify.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const char *prog = "sipctl";

static void __attribute__((format(printf, 1, 2))) err(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* The device to talk to: $SIPDRV_DEVICE overrides /dev/sipdrv (for tests). */
static const char *device_path(void)
{
	const char *path = getenv("SIPDRV_DEVICE");

	return path && *path ? path : SIPDRV_DEVICE_PATH;
}

/*
 * Opens the device and checks that it speaks our ABI. Returns the file
 * descriptor, or -1 after printing why not. @ver receives the module's answer.
 */
static int device_open(struct sipdrv_version *ver)
{
	const char *path = device_path();
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;

		err("cannot open %s: %s%s", path, strerror(e),
		    e == ENOENT ? " (is sipdrv.ko loaded?)" : "");
		return -1;
	}
	memset(ver, 0, sizeof(*ver));
	if (ioctl(fd, SIPDRV_IOC_VERSION, ver) < 0) {
		if (errno == ENOTTY)
			err("%s is not a sipdrv device", path);
		else
			err("%s: version query failed: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	ver->release[sizeof(ver->release) - 1] = '\0';
	return fd;
}

static int cmd_version(int argc, char **argv)
{
	struct sipdrv_version ver;
	int fd;

	(void)argv;
	if (argc > 1) {
		err("version: unexpected argument '%s'", argv[1]);
		return 2;
	}
	printf("sipctl %s (ABI %d)\n", SIPDRV_RELEASE, SIPDRV_ABI_VERSION);
	fflush(stdout);
	fd = device_open(&ver);
	if (fd < 0)
		return 1;
	close(fd);
	printf("sipdrv.ko %s (ABI %u)\n", ver.release, ver.abi);
	if (ver.abi != SIPDRV_ABI_VERSION) {
		err("ABI mismatch: sipctl speaks ABI %d, the module ABI %u",
		    SIPDRV_ABI_VERSION, ver.abi);
		return 1;
	}
	return 0;
}

/* ---- images: sipctl image, sipctl disasm ---- */

static const char *const class_names[SIP_CLASS__COUNT] = {
	[SIP_CLASS_NONE] = "none",
	[SIP_CLASS_BLOCK] = "block",
	[SIP_CLASS_CHAR] = "char",
	[SIP_CLASS_NET] = "net",
	[SIP_CLASS_PCI] = "pci",
};

static const char *const helper_names[SIP_HELPER__END] = {
#define HELPER_NAME(nr, name, ...) [nr] = "sip_" #name,
	SIP_HELPERS(HELPER_NAME)
#undef HELPER_NAME
};

/* Builds the image of @path and parses it into @v. Returns the image (free() it) or NULL. */
static void *image_load(const char *path, u32 *size, struct sip_image_view *v)
{
	struct sip_diag diag;
	char msg[512];
	void *img;

	if (sip_image_build(path, &img, size, msg, sizeof(msg))) {
		err("%s", msg);
		return NULL;
	}
	if (sip_image_parse(img, *size, v, &diag)) {
		err("%s: %s", path, diag.msg);
		free(img);
		return NULL;
	}
	return img;
}

static int image_write(const char *path, const void *img, u32 size)
{
	FILE *f = fopen(path, "wb");
	bool ok;

	if (!f) {
		err("cannot create %s: %s", path, strerror(errno));
		return 1;
	}
	ok = fwrite(img, 1, size, f) == size;
	if (fclose(f))
		ok = false;
	if (!ok) {
		err("cannot write %s: %s", path, strerror(errno));
		return 1;
	}
	return 0;
}

static void print_manifest(const struct sip_manifest *m)
{
	u32 i;

	printf("manifest:\n");
	printf("  name        %s\n", m->name);
	printf("  class       %s\n", class_names[m->dev_class]);
	printf("  slots       %u\n", m->nr_slots);
	printf("  max_blocks  %u%s\n", m->max_blocks, m->max_blocks ? "" : " (default)");
	printf("  max_bytes   %llu%s\n", m->max_bytes, m->max_bytes ? "" : " (default)");
	printf("  fuel        %llu%s\n", m->fuel, m->fuel ? "" : " (default)");
	printf("  channels    %u\n", m->nr_channels);
	for (i = 0; i < m->nr_channels; i++)
		printf("    %u: %s (contract %s, hash 0x%llx)\n", i, m->chans[i].name,
		       m->chans[i].contract, m->chans[i].contract_hash);
	printf("  params      %u\n", m->nr_params);
	for (i = 0; i < m->nr_params; i++)
		printf("    %u: %s = %llu (%llu..%llu)\n", i, m->params[i].name,
		       m->params[i].def, m->params[i].min, m->params[i].max);
}

/* The distinct files that line records name. */
static u32 count_files(const struct sip_image_view *v)
{
	u32 i, j, n = 0;

	for (i = 0; i < v->nr_lines; i++) {
		for (j = 0; j < i && v->lines[j].file != v->lines[i].file; j++)
			;
		n += j == i;
	}
	return n;
}

static void print_image(const char *path, const struct sip_image_view *v, u32 size)
{
	u32 i;

	printf("%s: SIP image version %u, %u bytes\n", path, v->hdr->version, size);
	print_manifest(v->manifest);
	printf("entries:\n");
	for (i = 0; i < v->nr_entries; i++)
		printf("  %-10s %-24s %6u insns at %u\n", sip_entry_kind_name(v->entries[i].kind),
		       v->entries[i].name, v->entries[i].insn_cnt, v->entries[i].insn_off);
	printf("insns:  %u\n", v->nr_insns);
	printf("data:   %u bytes writable, %u initialised\n", v->data_size, v->data_len);
	printf("rodata: %u bytes\n", v->rodata_size);
	printf("lines:  %u records in %u file%s\n", v->nr_lines, count_files(v),
	       count_files(v) == 1 ? "" : "s");
}

static int cmd_image(int argc, char **argv)
{
	const char *path = NULL, *out = NULL;
	struct sip_image_view v;
	int i, ret = 0;
	void *img;
	u32 size;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--out") && i + 1 < argc) {
			out = argv[++i];
		} else if (argv[i][0] != '-' && !path) {
			path = argv[i];
		} else {
			err("image: unexpected argument '%s' (usage: image DRIVER.o [--out FILE])",
			    argv[i]);
			return 2;
		}
	}
	if (!path) {
		err("image: which driver? (usage: image DRIVER.o [--out FILE])");
		return 2;
	}
	img = image_load(path, &size, &v);
	if (!img)
		return 1;
	if (out)
		ret = image_write(out, img, size);
	else
		print_image(path, &v, size);
	free(img);
	return ret;
}

/* A trailing comment for calls: the helper's name, or the local function's index. */
static void insn_comment(const struct sip_insn *insn, u32 idx, char *buf, size_t size)
{
	buf[0] = '\0';
	if (insn->code != (SIP_JMP | SIP_K | SIP_CALL))
		return;
	if (insn->src == SIP_CALL_HELPER && insn->imm > 0 && insn->imm < SIP_HELPER__END &&
	    helper_names[insn->imm])
		snprintf(buf, size, "# %s", helper_names[insn->imm]);
	else if (insn->src == SIP_CALL_LOCAL)
		snprintf(buf, size, "# insn %lld", (long long)idx + 1 + insn->imm);
}

/* Instruction @idx of an entry's code as text; returns the slots it used. */
static int insn_text(const struct sip_insn *code, u32 len, u32 idx, char *buf, u32 size)
{
	int n = sip_disasm_insn(code, len, idx, buf, size);

	if (n > 0)
		return n;
	snprintf(buf, size, ".invalid code 0x%02x dst %u src %u off %d imm %d", code[idx].code,
		 code[idx].dst, code[idx].src, code[idx].off, code[idx].imm);
	return 1;
}

static void disasm_entry(const struct sip_image_view *v, const struct sip_image_entry *e)
{
	const struct sip_insn *code = v->insns + e->insn_off;
	const char *file, *last_file = NULL;
	u32 idx, line, last_line = 0;
	char text[SIP_DISASM_MAX], comment[64];
	int n;

	printf("%s %s (%u insns):\n", sip_entry_kind_name(e->kind), e->name, e->insn_cnt);
	for (idx = 0; idx < e->insn_cnt;) {
		file = sip_image_line_of(v, e->insn_off + idx, &line);
		if (file && (file != last_file || line != last_line))
			printf("; %s:%u\n", file, line);
		last_file = file;
		last_line = line;
		n = insn_text(code, e->insn_cnt, idx, text, sizeof(text));
		insn_comment(&code[idx], idx, comment, sizeof(comment));
		if (comment[0])
			printf("%6u: %-36s%s\n", idx, text, comment);
		else
			printf("%6u: %s\n", idx, text);
		idx += n;
	}
}

static int cmd_disasm(int argc, char **argv)
{
	struct sip_image_view v;
	void *img;
	u32 size, i;

	if (argc != 2 || argv[1][0] == '-') {
		err("disasm: usage: disasm DRIVER.o");
		return 2;
	}
	img = image_load(argv[1], &size, &v);
	if (!img)
		return 1;
	for (i = 0; i < v.nr_entries; i++) {
		if (i)
			printf("\n");
		disasm_entry(&v, &v.entries[i]);
	}
	free(img);
	return 0;
}

/* ---- sipctl verify ---- */

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Verifies one handler; prints its line, or the refusal (and the log). */
static int verify_one(const char *path, const char *name, const struct sip_vprog *p, bool verbose,
		      u64 *explored, double *ms)
{
	static char log[1 << 20];
	struct sip_verify_opts opts = { .log = verbose ? log : NULL, .log_size = sizeof(log) };
	struct sip_verify_stats st;
	struct sip_diag diag;
	char msg[512];
	double t0 = now_ms(), t;
	int ret;

	ret = sip_verify(p, &opts, &st, &diag);
	t = now_ms() - t0;
	if (ret) {
		if (verbose && log[0])
			fputs(log, stderr);
		sip_verify_format(p, &diag, msg, sizeof(msg));
		err("%s: %s: %s", path, name, msg);
		return ret;
	}
	printf("  %-24s %6u insns %8llu explored %6u states %8.2f ms\n", name, p->len,
	       st.processed, st.states, t);
	*explored += st.processed;
	*ms += t;
	return 0;
}

static int verify_image(const char *path, bool verbose)
{
	struct sip_entry_lines lines;
	struct sip_image_view v;
	struct sip_vprog p;
	u64 explored = 0;
	double ms = 0;
	u32 size, i, insns = 0;
	void *img;
	int ret = 0;

	img = image_load(path, &size, &v);
	if (!img)
		return 1;
	printf("%s: %s, %u handler%s\n", path, v.manifest->name, v.nr_entries,
	       v.nr_entries == 1 ? "" : "s");
	for (i = 0; i < v.nr_entries && !ret; i++) {
		sip_vprog_from_image(&p, &v, &v.entries[i], &lines);
		ret = verify_one(path, v.entries[i].name, &p, verbose, &explored, &ms);
		insns += p.len;
	}
	free(img);
	if (ret)
		return 1;
	printf("%s: accepted: %u instructions, %llu explored, %.2f ms\n", path, insns, explored, ms);
	return 0;
}

/* A bare program: 8-byte little-endian instructions, r1 an unknown scalar. */
static int verify_raw(const char *path, bool verbose)
{
	struct sip_vprog p = { .kind = SIP_VKIND_RAW };
	struct sip_insn *insns;
	u64 explored = 0;
	double ms = 0;
	long size;
	FILE *f;
	int ret;

	f = fopen(path, "rb");
	if (!f) {
		err("cannot open %s: %s", path, strerror(errno));
		return 1;
	}
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	if (size <= 0 || size % 8 || size / 8 > SIP_VERIFY_MAX_INSNS) {
		err("%s: %ld bytes is not a program of whole 8-byte instructions (at most %u)", path,
		    size, SIP_VERIFY_MAX_INSNS);
		fclose(f);
		return 1;
	}
	insns = malloc(size);
	if (!insns || fread(insns, 1, size, f) != (size_t)size) {
		err("cannot read %s", path);
		fclose(f);
		free(insns);
		return 1;
	}
	fclose(f);
	p.insns = insns;
	p.len = (u32)(size / 8);
	printf("%s: raw program\n", path);
	ret = verify_one(path, "raw", &p, verbose, &explored, &ms);
	free(insns);
	if (ret)
		return 1;
	printf("%s: accepted: %u instructions, %llu explored, %.2f ms\n", path, p.len, explored, ms);
	return 0;
}

static int cmd_verify(int argc, char **argv)
{
	bool raw = false, verbose = false;
	const char *path = NULL;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--raw"))
			raw = true;
		else if (!strcmp(argv[i], "--verbose") || !strcmp(argv[i], "-v"))
			verbose = true;
		else if (argv[i][0] != '-' && !path)
			path = argv[i];
		else {
			err("verify: unexpected argument '%s' (usage: verify [--verbose] [--raw] FILE)",
			    argv[i]);
			return 2;
		}
	}
	if (!path) {
		err("verify: which driver? (usage: verify [--verbose] [--raw] FILE)");
		return 2;
	}
	return raw ? verify_raw(path, verbose) : verify_image(path, verbose);
}

/* ---- the loaded module: load, unload, list, stats, connect, ping, info ---- */

/* Opens /dev/sipdrv, checking the module speaks our ABI; -1 after saying why. */
static int module_open(void)
{
	struct sipdrv_version ver;
	int fd = device_open(&ver);

	if (fd >= 0 && ver.abi != SIPDRV_ABI_VERSION) {
		err("ABI mismatch: sipctl speaks ABI %d, the module ABI %u", SIPDRV_ABI_VERSION,
		    ver.abi);
		close(fd);
		return -1;
	}
	return fd;
}

/* An ioctl failure in words; EPERM means a missing capability here. */
static int ioctl_failed(const char *what, const char *detail)
{
	if (errno == EPERM)
		err("%s: permission denied (this needs CAP_SYS_ADMIN: run as root)", what);
	else if (detail && *detail)
		err("%s: %s", what, detail);
	else
		err("%s: %s", what, strerror(errno));
	return 1;
}

static bool has_flag(int *argc, char **argv, const char *flag)
{
	int i, j;

	for (i = 1; i < *argc; i++) {
		if (strcmp(argv[i], flag))
			continue;
		for (j = i; j + 1 < *argc; j++)
			argv[j] = argv[j + 1];
		(*argc)--;
		return true;
	}
	return false;
}

static const char *const engine_names[SIPDRV_ENGINE__COUNT] = {
	[SIPDRV_ENGINE_DEFAULT] = "default",
	[SIPDRV_ENGINE_INTERP] = "interp",
	[SIPDRV_ENGINE_JIT] = "jit",
};

static const char *const state_names[] = {
	[SIPDRV_STATE_LOADING] = "loading",
	[SIPDRV_STATE_RUNNING] = "running",
	[SIPDRV_STATE_FAULTED] = "faulted",
	[SIPDRV_STATE_STOPPED] = "stopped",
};

static const char *name_in(const char *const *names, u32 n, u32 v)
{
	return v < n && names[v] ? names[v] : "?";
}

/* A whole file into memory (8-byte aligned), or NULL after saying why. */
static void *read_file(const char *path, u32 *size)
{
	FILE *f = fopen(path, "rb");
	void *buf = NULL;
	long n;

	if (!f) {
		err("cannot open %s: %s", path, strerror(errno));
		return NULL;
	}
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || n > (long)SIP_IMAGE_MAX_SIZE * 2) {
		err("%s: cannot size it, or it is too large", path);
	} else if ((buf = aligned_alloc(8, (n + 8) & ~7l)) && !fseek(f, 0, SEEK_SET) &&
		   fread(buf, 1, n, f) == (size_t)n) {
		*size = (u32)n;
	} else {
		err("cannot read %s", path);
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

static int cmd_load(int argc, char **argv)
{
	struct sipdrv_load req;
	struct sip_image_view v;
	char params[4096];
	u32 size, psize = 0;
	int i, fd, ret;
	void *img;
	const char *path = NULL;
	bool raw_image = false;

	memset(&req, 0, sizeof(req));
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--image")) {
			raw_image = true;
		} else if (!strncmp(argv[i], "--engine=", 9)) {
			for (req.engine = 0; req.engine < SIPDRV_ENGINE__COUNT; req.engine++)
				if (!strcmp(argv[i] + 9, engine_names[req.engine]))
					break;
			if (req.engine == SIPDRV_ENGINE__COUNT) {
				err("load: unknown engine '%s' (jit, interp)", argv[i] + 9);
				return 2;
			}
		} else if (strchr(argv[i], '=') && path) {
			size_t n = strlen(argv[i]) + 1;

			if (psize + n > sizeof(params)) {
				err("load: too many parameters");
				return 2;
			}
			memcpy(params + psize, argv[i], n);
			psize += n;
		} else if (argv[i][0] != '-' && !path) {
			path = argv[i];
		} else {
			err("load: unexpected argument '%s' (usage: load DRIVER.o|--image IMAGE [--engine=jit|interp] [name=value ...])",
			    argv[i]);
			return 2;
		}
	}
	if (!path) {
		err("load: which driver? (usage: load DRIVER.o|--image IMAGE [--engine=jit|interp] [name=value ...])");
		return 2;
	}
	/* --image: a SIP image file as it is (from 'sipctl image --out'), unchecked here. */
	img = raw_image ? read_file(path, &size) : image_load(path, &size, &v);
	if (!img)
		return 1;
	fd = module_open();
	if (fd < 0) {
		free(img);
		return 1;
	}
	req.image = (unsigned long)img;
	req.image_size = size;
	req.params = (unsigned long)params;
	req.params_size = psize;
	ret = ioctl(fd, SIPDRV_IOC_LOAD, &req);
	close(fd);
	free(img);
	if (ret) {
		char what[600];

		snprintf(what, sizeof(what), "load %s", path);
		return ioctl_failed(what, req.msg);
	}
	printf("loaded %s (id %u)%s%s\n", req.name, req.id, req.device[0] ? ": " : "", req.device);
	return 0;
}

static int fill_target(struct sipdrv_target *t, const char *name, const char *cmd)
{
	memset(t, 0, sizeof(*t));
	if (strlen(name) >= sizeof(t->name)) {
		err("%s: no SIP can be called '%s' (names are shorter)", cmd, name);
		return 2;
	}
	strcpy(t->name, name);
	return 0;
}

static int cmd_unload(int argc, char **argv)
{
	struct sipdrv_target t;
	int fd, ret;

	if (argc != 2) {
		err("unload: usage: unload NAME");
		return 2;
	}
	if (fill_target(&t, argv[1], "unload"))
		return 2;
	fd = module_open();
	if (fd < 0)
		return 1;
	ret = ioctl(fd, SIPDRV_IOC_UNLOAD, &t);
	close(fd);
	if (ret)
		return ioctl_failed("unload", errno == ENOENT ? "no SIP of that name is loaded" : NULL);
	printf("unloaded %s\n", argv[1]);
	return 0;
}

static int cmd_list(int argc, char **argv)
{
	bool json = has_flag(&argc, argv, "--json");
	struct sipdrv_sip_info info[256];
	struct sipdrv_list req = { .entries = (unsigned long)info, .max = 256 };
	u32 i, n;
	int fd;

	if (argc != 1) {
		err("list: usage: list [--json]");
		return 2;
	}
	fd = module_open();
	if (fd < 0)
		return 1;
	if (ioctl(fd, SIPDRV_IOC_LIST, &req)) {
		close(fd);
		return ioctl_failed("list", NULL);
	}
	close(fd);
	n = req.count < req.max ? req.count : req.max;
	if (json) {
		printf("[");
		for (i = 0; i < n; i++)
			printf("%s\n  {\"name\": \"%s\", \"id\": %u, \"class\": \"%s\", \"engine\": \"%s\", \"state\": \"%s\", \"device\": \"%s\", \"restarts\": %u}",
			       i ? "," : "", info[i].name, info[i].id,
			       name_in(class_names, SIP_CLASS__COUNT, info[i].dev_class),
			       name_in(engine_names, SIPDRV_ENGINE__COUNT, info[i].engine),
			       name_in(state_names, 4, info[i].state), info[i].device, info[i].restarts);
		printf("%s]\n", n ? "\n" : "");
		return 0;
	}
	printf("%-16s %4s %-6s %-7s %-8s %-12s %s\n", "NAME", "ID", "CLASS", "ENGINE", "STATE",
	       "DEVICE", "RESTARTS");
	for (i = 0; i < n; i++)
		printf("%-16s %4u %-6s %-7s %-8s %-12s %u\n", info[i].name, info[i].id,
		       name_in(class_names, SIP_CLASS__COUNT, info[i].dev_class),
		       name_in(engine_names, SIPDRV_ENGINE__COUNT, info[i].engine),
		       name_in(state_names, 4, info[i].state), info[i].device[0] ? info[i].device : "-",
		       info[i].restarts);
	return 0;
}

static int cmd_stats(int argc, char **argv)
{
	bool json = has_flag(&argc, argv, "--json");
	struct sipdrv_stats st;
	int fd, ret;

	if (argc != 2) {
		err("stats: usage: stats NAME [--json]");
		return 2;
	}
	memset(&st, 0, sizeof(st));
	if (fill_target(&st.target, argv[1], "stats"))
		return 2;
	fd = module_open();
	if (fd < 0)
		return 1;
	ret = ioctl(fd, SIPDRV_IOC_STATS, &st);
	close(fd);
	if (ret)
		return ioctl_failed("stats", errno == ENOENT ? "no SIP of that name is loaded" : NULL);
	if (json) {
		printf("{\"name\": \"%s\", \"id\": %u, \"state\": \"%s\", \"engine\": \"%s\", "
		       "\"messages\": %llu, \"runs\": %llu, \"run_ns\": %llu, \"sends\": %llu, "
		       "\"send_errors\": %llu, \"faults\": %llu, \"blocks\": %u, \"hw_blocks\": %u, "
		       "\"bytes\": %llu, \"hw_bytes\": %llu, \"allocs\": %llu, \"frees\": %llu, "
		       "\"restarts\": %u, \"fault\": \"%s\"}\n",
		       st.info.name, st.info.id, name_in(state_names, 4, st.info.state),
		       name_in(engine_names, SIPDRV_ENGINE__COUNT, st.info.engine), st.messages,
		       st.runs, st.run_ns, st.sends, st.send_errors, st.faults, st.blocks,
		       st.hw_blocks, st.bytes, st.hw_bytes, st.allocs, st.frees, st.info.restarts,
		       st.what);
		return 0;
	}
	printf("%s (id %u): %s, %s engine\n", st.info.name, st.info.id,
	       name_in(state_names, 4, st.info.state),
	       name_in(engine_names, SIPDRV_ENGINE__COUNT, st.info.engine));
	printf("  messages     %llu\n  handler runs %llu", st.messages, st.runs);
	if (st.run_ns || !st.runs)
		printf(" (%.3f ms in handlers)\n", st.run_ns / 1e6);
	else	/* off by default: two clock reads per message */
		printf(" (not timed: echo 1 > /sys/module/sipdrv/parameters/handler_time)\n");
	printf("  sends        %llu (%llu refused)\n  faults       %llu\n", st.sends,
	       st.send_errors, st.faults);
	printf("  blocks       %u held (most %u), %llu bytes (most %llu)\n", st.blocks, st.hw_blocks,
	       st.bytes, st.hw_bytes);
	printf("  allocations  %llu, frees %llu\n  restarts     %u\n", st.allocs, st.frees,
	       st.info.restarts);
	if (st.what[0])
		printf("  stopped by   %s\n", st.what);
	return 0;
}

/* "NAME:CHAN" into its parts. */
static int split_endpoint(const char *arg, char *name, u32 *chan)
{
	const char *colon = strrchr(arg, ':');
	char *end;

	if (!colon || colon == arg || (size_t)(colon - arg) >= SIPDRV_NAME_LEN)
		return -1;
	memcpy(name, arg, colon - arg);
	name[colon - arg] = 0;
	*chan = (u32)strtoul(colon + 1, &end, 10);
	return *end || end == colon + 1 ? -1 : 0;
}

static int cmd_connect(int argc, char **argv)
{
	struct sipdrv_connect req;
	int fd, ret;

	memset(&req, 0, sizeof(req));
	if (argc != 3 || split_endpoint(argv[1], req.client, &req.client_chan) ||
	    split_endpoint(argv[2], req.server, &req.server_chan)) {
		err("connect: usage: connect CLIENT:CHAN SERVER:CHAN (manifest channel numbers)");
		return 2;
	}
	fd = module_open();
	if (fd < 0)
		return 1;
	ret = ioctl(fd, SIPDRV_IOC_CONNECT, &req);
	close(fd);
	if (ret)
		return ioctl_failed("connect", errno == EPROTO ?
				    "the channels do not match (one must use, the other serve, the same contract)" :
				    errno == EBUSY ? "a channel is connected already" :
				    errno == ENOENT ? "no SIP of that name is loaded" : NULL);
	printf("connected %s to %s\n", argv[1], argv[2]);
	return 0;
}

static int cmd_ping(int argc, char **argv)
{
	struct sipdrv_ping req;
	char name[SIPDRV_NAME_LEN];
	u32 chan = 0;
	int i, fd, ret;

	memset(&req, 0, sizeof(req));
	req.count = 1000;
	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--count") && i + 1 < argc)
			req.count = (u32)strtoul(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--size") && i + 1 < argc)
			req.size = (u32)strtoul(argv[++i], NULL, 0);
		else
			argc = 0;
	}
	if (argc < 2) {
		err("ping: usage: ping NAME[:CHAN] [--count N] [--size BYTES]");
		return 2;
	}
	if (strchr(argv[1], ':')) {
		if (split_endpoint(argv[1], name, &chan)) {
			err("ping: bad SIP:CHANNEL '%s'", argv[1]);
			return 2;
		}
	} else if (strlen(argv[1]) < sizeof(name)) {
		strcpy(name, argv[1]);
	}
	if (fill_target(&req.target, name, "ping"))
		return 2;
	req.chan = chan;
	fd = module_open();
	if (fd < 0)
		return 1;
	ret = ioctl(fd, SIPDRV_IOC_PING, &req);
	close(fd);
	if (ret)
		return ioctl_failed("ping", errno == EPROTO ? "that channel does not serve sipdrv.ping" :
				    errno == ENOENT ? "no SIP of that name is loaded" :
				    errno == EINTR ? "interrupted" :
				    errno == ENODEV ? "the SIP was unloaded meanwhile" : NULL);
	if (req.ok + req.errors < req.count)
		printf("stopped after %u round trips: the SIP did not answer within a second\n",
		       req.ok + req.errors);
	printf("%u round trips with %u-byte blocks: %u ok, %u errors\n", req.ok + req.errors,
	       req.size, req.ok, req.errors);
	if (req.ok + req.errors)
		printf("round trip: mean %.0f ns, min %llu ns, max %llu ns, %.0f cycles\n",
		       (double)req.total_ns / (req.ok + req.errors), req.min_ns, req.max_ns,
		       (double)req.total_cycles / (req.ok + req.errors));
	return req.errors ? 1 : 0;
}

/*
 * One PING with a file's bytes (or none) and its echo: the echo's arguments
 * on stdout, its block into a file. For testing a ping server's answers.
 */
static int cmd_exchange(int argc, char **argv)
{
	const char *in = NULL, *out = NULL;
	struct sipdrv_exchange req;
	char name[SIPDRV_NAME_LEN];
	static u8 buf[1 << 20];
	u32 chan = 0, size = 0;
	void *data = NULL;
	FILE *f;
	int i, fd, ret;

	memset(&req, 0, sizeof(req));
	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--in") && i + 1 < argc)
			in = argv[++i];
		else if (!strcmp(argv[i], "--out") && i + 1 < argc)
			out = argv[++i];
		else if (!strcmp(argv[i], "--arg0") && i + 1 < argc)
			req.args[0] = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--arg1") && i + 1 < argc)
			req.args[1] = strtoull(argv[++i], NULL, 0);
		else
			argc = 0;
	}
	if (argc < 2) {
		err("exchange: usage: exchange NAME[:CHAN] [--in FILE] [--out FILE] [--arg0 N] [--arg1 N]");
		return 2;
	}
	if (strchr(argv[1], ':')) {
		if (split_endpoint(argv[1], name, &chan)) {
			err("exchange: bad SIP:CHANNEL '%s'", argv[1]);
			return 2;
		}
	} else if (strlen(argv[1]) < sizeof(name)) {
		strcpy(name, argv[1]);
	}
	if (fill_target(&req.target, name, "exchange"))
		return 2;
	if (in) {
		data = read_file(in, &size);
		if (!data)
			return 1;
		if (size > sizeof(buf)) {
			err("exchange: %s: %u bytes, more than a block holds (%zu)", in, size,
			    sizeof(buf));
			free(data);
			return 1;
		}
		memcpy(buf, data, size);
		free(data);
	}
	req.chan = chan;
	req.data = (unsigned long)buf;
	req.size = size;
	req.cap = sizeof(buf);
	fd = module_open();
	if (fd < 0)
		return 1;
	ret = ioctl(fd, SIPDRV_IOC_EXCHANGE, &req);
	close(fd);
	if (ret)
		return ioctl_failed("exchange", errno == EPROTO ? "that channel does not serve sipdrv.ping" :
				    errno == ENOENT ? "no SIP of that name is loaded" :
				    errno == ETIMEDOUT ? "no answer within a second" :
				    errno == EPIPE ? "the channel closed without an answer" : NULL);
	printf("echo: arg0 %llu arg1 %lld, block %u bytes\n", req.args[0], (long long)req.args[1],
	       req.reply_size);
	if (out) {
		f = fopen(out, "wb");
		if (!f || fwrite(buf, 1, req.reply_size, f) != req.reply_size || fclose(f)) {
			err("exchange: cannot write %s: %s", out, strerror(errno));
			return 1;
		}
	}
	return 0;
}

static int cmd_info(int argc, char **argv)
{
	bool json = has_flag(&argc, argv, "--json");
	struct sipdrv_info info = { 0 };
	int fd, ret;

	(void)argv;
	fd = module_open();
	if (fd < 0)
		return 1;
	ret = ioctl(fd, SIPDRV_IOC_INFO, &info);
	close(fd);
	if (ret)
		return ioctl_failed("info", NULL);
	if (json)
		printf("{\"sips\": %u, \"instances\": %u, \"heap_blocks\": %u, \"heap_bytes\": %llu, "
		       "\"heap_pages\": %u, \"heap_free_pages\": %u}\n", info.sips, info.instances,
		       info.heap_blocks, info.heap_bytes, info.heap_pages, info.heap_free_pages);
	else
		printf("SIPs loaded %u, instances alive %u\nexchange heap: %u blocks, %llu bytes; %u of %u pages free\n",
		       info.sips, info.instances, info.heap_blocks, info.heap_bytes, info.heap_free_pages,
		       info.heap_pages);
	return 0;
}

static int cmd_help(int argc, char **argv);

struct command {
	const char *name;
	const char *args;
	const char *help;
	int (*fn)(int argc, char **argv);
};

static const struct command commands[] = {
	{ "version", "", "print the versions of sipctl and of the loaded sipdrv.ko", cmd_version },
	{ "image", "DRIVER.o [--out FILE]", "build a driver's SIP image: show a summary, or write it to FILE",
	  cmd_image },
	{ "disasm", "DRIVER.o", "show each entry point's code with its source lines", cmd_disasm },
	{ "verify", "[-v] [--raw] FILE", "verify a driver (or a bare program) as the kernel would",
	  cmd_verify },
	{ "load", "DRIVER.o|--image IMG [--engine=E] [k=v..]", "verify and start a driver in the kernel",
	  cmd_load },
	{ "unload", "NAME", "stop a driver and free everything it held", cmd_unload },
	{ "list", "[--json]", "the drivers loaded: name, class, engine, state, device, restarts",
	  cmd_list },
	{ "stats", "NAME [--json]", "a driver's counters: messages, blocks, faults, handler time",
	  cmd_stats },
	{ "connect", "CLIENT:CHAN SERVER:CHAN", "connect two drivers' channels", cmd_connect },
	{ "ping", "NAME[:CHAN] [--count N] [--size B]", "round trips from the kernel to a ping server",
	  cmd_ping },
	{ "exchange", "NAME[:CHAN] [--in F] [--out F]",
	  "one ping with F's bytes: the echo's arguments, its block into F", cmd_exchange },
	{ "info", "[--json]", "module-wide counters: SIPs, instances, exchange heap", cmd_info },
	{ "help", "", "show this help", cmd_help },
};

static void usage(FILE *out)
{
	size_t i;

	fprintf(out, "usage: %s [--help] COMMAND [ARGS...]\n\ncommands:\n", prog);
	for (i = 0; i < ARRAY_SIZE(commands); i++) {
		char head[64];

		snprintf(head, sizeof(head), "%s %s", commands[i].name, commands[i].args);
		fprintf(out, "  %-38s %s\n", head, commands[i].help);
	}
	fprintf(out, "\nenvironment:\n  SIPDRV_DEVICE                device to use instead of %s\n",
		SIPDRV_DEVICE_PATH);
}

static int cmd_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	usage(stdout);
	return 0;
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return cmd_help(argc - 1, argv + 1);
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	err("unknown command '%s' (try '%s --help')", argv[1], prog);
	return 2;
}
