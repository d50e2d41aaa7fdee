// SPDX-License-Identifier: GPL-2.0
/*
 * SIP images: the builder on real clang-compiled drivers (tests/host/drivers,
 * built into build/tests/host/drivers/) — entries, relocated data, appended
 * .text functions that still compute the right values in the interpreter,
 * line info, refusals — and the parser against every kind of broken image.
 */
#include <gelf.h>
#include <libelf.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "image_build.h"
#include "image_parse.h"

/* The manifest is ABI: its size is pinned here (and in messages below). */
#define MANIFEST_SIZE_TEXT "1040"
_Static_assert(sizeof(struct sip_manifest) == 1040, "the manifest changed size: update MANIFEST_SIZE_TEXT");
#include "interp.h"

#define CODE_LDDW (SIP_LD | SIP_IMM | SIP_DW)
#define CODE_CALL (SIP_JMP | SIP_K | SIP_CALL)

/* ---- where things are: next to this program, and in the source tree ---- */

static char test_dir[PATH_MAX];		/* build/tests/host */

static void find_test_dir(void)
{
	ssize_t n = readlink("/proc/self/exe", test_dir, sizeof(test_dir) - 1);
	char *slash;

	if (n < 0)
		n = 0;
	test_dir[n] = '\0';
	slash = strrchr(test_dir, '/');
	if (slash)
		*slash = '\0';
}

static const char *driver_obj(const char *name)
{
	static char path[PATH_MAX + 64];

	if (!test_dir[0])
		find_test_dir();
	snprintf(path, sizeof(path), "%s/drivers/%s.o", test_dir, name);
	return path;
}

static const char *driver_src(const char *name)
{
	static char path[PATH_MAX + 64];

	if (!test_dir[0])
		find_test_dir();
	snprintf(path, sizeof(path), "%s/../../../tests/host/drivers/%s.c", test_dir, name);
	return path;
}

/* The line of driver @name's source that contains @needle, or 0. */
static u32 source_line(const char *name, const char *needle)
{
	FILE *f = fopen(driver_src(name), "r");
	char buf[512];
	u32 line = 0, found = 0;

	while (f && !found && fgets(buf, sizeof(buf), f)) {
		line++;
		if (strstr(buf, needle))
			found = line;
	}
	if (f)
		fclose(f);
	return found;
}

/* Instructions of ELF section @sect, or of function symbol @sym when @sect is NULL. */
static u32 elf_insns(const char *name, const char *sect, const char *sym)
{
	FILE *f = fopen(driver_obj(name), "rb");
	Elf_Scn *scn = NULL;
	u32 result = 0;
	size_t shstrndx;
	Elf *elf;

	if (!f)
		return 0;
	elf_version(EV_CURRENT);
	elf = elf_begin(fileno(f), ELF_C_READ, NULL);
	elf_getshdrstrndx(elf, &shstrndx);
	while (elf && (scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		GElf_Sym s;
		Elf_Data *d;
		size_t i;

		gelf_getshdr(scn, &sh);
		if (sect && !strcmp(elf_strptr(elf, shstrndx, sh.sh_name), sect))
			result = sh.sh_size / 8;
		if (sect || sh.sh_type != SHT_SYMTAB)
			continue;
		d = elf_getdata(scn, NULL);
		for (i = 0; i < sh.sh_size / sizeof(Elf64_Sym); i++)
			if (gelf_getsym(d, i, &s) && !strcmp(elf_strptr(elf, sh.sh_link, s.st_name), sym))
				result = s.st_size / 8;
	}
	elf_end(elf);
	fclose(f);
	return result;
}

/* ---- images ---- */

struct image {
	void *buf;
	u32 size;
	struct sip_image_view v;
	char err[384];
};

static int image_build(const char *name, struct image *img)
{
	struct sip_diag diag;
	int ret;

	memset(img, 0, sizeof(*img));
	ret = sip_image_build(driver_obj(name), &img->buf, &img->size, img->err, sizeof(img->err));
	if (ret)
		return ret;
	ret = sip_image_parse(img->buf, img->size, &img->v, &diag);
	if (ret)
		snprintf(img->err, sizeof(img->err), "%s", diag.msg);
	return ret;
}

/*
 * Parses a private copy of exactly @size bytes (so that the sanitizers see
 * any read past the end) and returns "" or the refusal's message. A refusal
 * that is not -EINVAL, or without a message, is reported as such.
 */
static const char *parse_msg(const void *img, u32 size, struct sip_image_view *view)
{
	static char msg[sizeof(((struct sip_diag *)0)->msg) + 32];
	struct sip_image_view v;
	struct sip_diag diag = { 0 };
	void *copy = malloc(size ? size : 1);
	int ret;

	memcpy(copy, img, size);
	ret = sip_image_parse(copy, size, view ? view : &v, &diag);
	free(copy);
	if (!ret)
		return "";
	if (ret != -EINVAL || !diag.msg[0])
		snprintf(msg, sizeof(msg), "unexpected return %d (%s)", ret, diag.msg);
	else
		snprintf(msg, sizeof(msg), "%s", diag.msg);
	return msg;
}

static const struct sip_image_entry *entry_named(const struct sip_image_view *v, const char *name)
{
	u32 i;

	for (i = 0; i < v->nr_entries; i++)
		if (!strcmp(v->entries[i].name, name))
			return &v->entries[i];
	return NULL;
}

/* The @nth (from 0) instruction of entry @e with @code (and src @src, or any when < 0). */
static int find_insn(const struct sip_image_view *v, const struct sip_image_entry *e, u8 code,
		     int src, u32 nth)
{
	u32 i;

	for (i = 0; i < e->insn_cnt; i++) {
		const struct sip_insn *insn = &v->insns[e->insn_off + i];

		if (insn->code == code && (src < 0 || insn->src == src) && !nth--)
			return i;
		if (insn->code == CODE_LDDW)
			i++;
	}
	return -1;
}

/* An entry's code with private-data lddw turned into plain lddw of real addresses. */
static struct sip_insn *runnable_code(const struct sip_image_view *v,
				      const struct sip_image_entry *e, u8 *data, const u8 *rodata)
{
	struct sip_insn *code = malloc(e->insn_cnt * sizeof(*code));
	u32 i;

	memcpy(code, v->insns + e->insn_off, e->insn_cnt * sizeof(*code));
	for (i = 0; i + 1 < e->insn_cnt; i++) {
		u64 addr;

		if (code[i].code != CODE_LDDW)
			continue;
		if (code[i].src == SIP_PSEUDO_DATA)
			addr = (unsigned long)data + (u32)code[i].imm;
		else if (code[i].src == SIP_PSEUDO_RODATA)
			addr = (unsigned long)rodata + (u32)code[i].imm;
		else
			addr = sip_lddw_imm(&code[i]);
		code[i].src = 0;
		code[i].imm = (u32)addr;
		code[i + 1].imm = addr >> 32;
		i++;
	}
	return code;
}

/* ---- the builder on calls.c ---- */

FIXTURE(calls) {
	struct image img;
	const struct sip_image_entry *init, *msg;
};

FIXTURE_SETUP(calls)
{
	ASSERT_EQ(0, image_build("calls", &self->img)) TH_LOG("%s", self->img.err);
	self->init = entry_named(&self->img.v, "calls_init");
	self->msg = entry_named(&self->img.v, "calls_msg");
	ASSERT_NE(NULL, self->init);
	ASSERT_NE(NULL, self->msg);
}

FIXTURE_TEARDOWN(calls)
{
	free(self->img.buf);
}

TEST_F(calls, entries_and_counts)
{
	const struct sip_image_view *v = &self->img.v;
	u32 add = elf_insns("calls", NULL, "add"), twice = elf_insns("calls", NULL, "twice");

	ASSERT_NE(0, add);
	ASSERT_NE(0, twice);
	EXPECT_EQ(2, v->nr_entries);
	EXPECT_EQ(SIP_ENTRY_INIT, self->init->kind);
	EXPECT_EQ(SIP_ENTRY_MSG, self->msg->kind);
	EXPECT_EQ(self->init, v->entry[SIP_ENTRY_INIT]);
	EXPECT_EQ(self->msg, v->entry[SIP_ENTRY_MSG]);
	EXPECT_EQ(NULL, v->entry[SIP_ENTRY_IRQ]);
	/* init calls twice, which calls add; msg calls add: each gets its own copy. */
	EXPECT_EQ(elf_insns("calls", "sip/init", NULL) + twice + add, self->init->insn_cnt);
	EXPECT_EQ(elf_insns("calls", "sip/msg", NULL) + add, self->msg->insn_cnt);
	EXPECT_EQ(self->init->insn_cnt + self->msg->insn_cnt, v->nr_insns);
	EXPECT_STREQ("calls", v->manifest->name);
	EXPECT_EQ(500, v->manifest->fuel);
	EXPECT_EQ(1, v->manifest->nr_params);
	EXPECT_STREQ("base", v->manifest->params[0].name);
}

TEST_F(calls, data_layout)
{
	const struct sip_image_view *v = &self->img.v;
	u64 scale;

	/* .data (8 bytes: scale), then .bss (counter, seen[4]) 8-byte aligned. */
	ASSERT_EQ(8, v->data_len);
	EXPECT_EQ(8 + 8 + 32, v->data_size);
	memcpy(&scale, v->data, 8);
	EXPECT_EQ(3, scale);
	/* .rodata (12), .rodata.str1.1 (6), .rodata.cst32 (32), each 8-byte aligned */
	EXPECT_EQ(16 + 8 + 32, v->rodata_size);
}

/* Every private-data lddw names the right bytes; plain lddw remain only for constants. */
TEST_F(calls, lddw_relocated)
{
	const struct sip_image_view *v = &self->img.v;
	static const u64 table[4] = { 10, 20, 30, 40 };
	bool data_seen[3] = { false }, banner = false, str = false, tab = false;
	u32 i;

	for (i = 0; i < v->nr_insns; i++) {
		const struct sip_insn *insn = &v->insns[i];
		u32 off = insn->imm;

		if (insn->code != CODE_LDDW)
			continue;
		ASSERT_LT(i + 1, v->nr_insns);
		EXPECT_EQ(0, insn[1].imm);
		i++;
		if (insn->src == SIP_PSEUDO_DATA) {
			/* scale (.data 0), counter (.bss: 8), seen (.bss + 8: 16) */
			ASSERT_TRUE(off == 0 || off == 8 || off == 16) TH_LOG("data+%u", off);
			data_seen[off / 8] = true;
			continue;
		}
		ASSERT_EQ(SIP_PSEUDO_RODATA, (int)insn->src);
		ASSERT_EQ(0, off % 8);
		ASSERT_LT(off, v->rodata_size);
		if (!strcmp((const char *)v->rodata + off, "calls: init"))
			banner = true;
		else if (!strcmp((const char *)v->rodata + off, "calls"))
			str = true;
		else if (off + sizeof(table) <= v->rodata_size &&
			 !memcmp(v->rodata + off, table, sizeof(table)))
			tab = true;
		else
			ASSERT_TRUE(false) TH_LOG("lddw of rodata+%u: unknown contents", off);
	}
	EXPECT_TRUE(data_seen[0] && data_seen[1] && data_seen[2]);
	EXPECT_TRUE(banner);
	EXPECT_TRUE(str);
	EXPECT_TRUE(tab);
}

/* Local calls land on the appended copies: twice right after init, add after it. */
TEST_F(calls, call_offsets)
{
	const struct sip_image_view *v = &self->img.v;
	u32 init_own = elf_insns("calls", "sip/init", NULL);
	u32 twice = elf_insns("calls", NULL, "twice");
	u32 msg_own = elf_insns("calls", "sip/msg", NULL);
	int at;

	at = find_insn(v, self->init, CODE_CALL, SIP_CALL_LOCAL, 0);
	ASSERT_GE(at, 0);
	EXPECT_EQ(init_own, at + 1 + v->insns[self->init->insn_off + at].imm);
	at = find_insn(v, self->init, CODE_CALL, SIP_CALL_LOCAL, 1);
	ASSERT_GE(at, (int)init_own);
	EXPECT_EQ(init_own + twice, at + 1 + v->insns[self->init->insn_off + at].imm);
	EXPECT_EQ(-1, find_insn(v, self->init, CODE_CALL, SIP_CALL_LOCAL, 2));
	at = find_insn(v, self->msg, CODE_CALL, SIP_CALL_LOCAL, 0);
	ASSERT_GE(at, 0);
	EXPECT_EQ(msg_own, at + 1 + v->insns[self->msg->insn_off + at].imm);
}

static char log_text[256];

static u64 log_stub(u64 buf, u64 len, u64 r3, u64 r4, u64 r5)
{
	(void)r3, (void)r4, (void)r5;
	snprintf(log_text + strlen(log_text), sizeof(log_text) - strlen(log_text), "[%.*s]",
		 (int)len, (const char *)(unsigned long)buf);
	return 0;
}

/* Runs entry @e of the image with @ctx in r1 over @data; returns r0 (or ~0 on failure). */
static u64 run_entry(struct __test_metadata *_metadata, const struct sip_image_view *v,
		     const struct sip_image_entry *e, void *ctx, u8 *data)
{
	static const sip_helper_fn fns[SIP_HELPER__END] = { [SIP_HELPER_log] = log_stub };
	static const struct sip_helper_table helpers = { fns, SIP_HELPER__END };
	static u64 stack[SIP_RUN_STACK_BYTES / 8];
	struct sip_insn *code = runnable_code(v, e, data, v->rodata);
	struct sip_run run = { .args = { (unsigned long)ctx }, .stack = stack };
	struct sip_prog *prog = NULL;
	struct sip_diag diag = { 0 };
	u64 r0 = ~0ull;

	EXPECT_EQ(0, sip_prog_check(code, e->insn_cnt, &diag)) TH_LOG("%s", diag.msg);
	EXPECT_EQ(0, sip_prog_load(code, e->insn_cnt, &helpers, &prog, &diag)) TH_LOG("%s", diag.msg);
	if (prog && !sip_interp_run(prog, &run))
		r0 = run.r0;
	sip_prog_free(prog);
	free(code);
	return r0;
}

/* The relocated, relinked code computes what the C says. */
TEST_F(calls, runs_in_interpreter)
{
	const struct sip_image_view *v = &self->img.v;
	struct sip_init_ctx ctx = { .params = { 5 } };
	struct sip_msg msg = { .chan = 0, .tag = 7 };
	u8 *data = calloc(1, v->data_size);
	u64 counter, seen2;

	memcpy(data, v->data, v->data_len);
	log_text[0] = '\0';
	/* twice(5) = (5 + 5 + table[2]) * scale = 120, plus counter (1) */
	EXPECT_EQ(121, run_entry(_metadata, v, self->init, &ctx, data));
	EXPECT_STREQ("[calls: init][calls]", log_text);
	memcpy(&counter, data + 8, 8);
	EXPECT_EQ(1, counter);
	/* add(7, seen[2] = 7) = 14 + table[2] */
	EXPECT_EQ(44, run_entry(_metadata, v, self->msg, &msg, data));
	memcpy(&seen2, data + 16 + 2 * 8, 8);
	EXPECT_EQ(7, seen2);
	free(data);
}

static void expect_line(struct __test_metadata *_metadata, const struct sip_image_view *v,
			const struct sip_image_entry *e, int at, const char *marker)
{
	u32 want = source_line("calls", marker), line = 0;
	const char *file;

	ASSERT_GE(at, 0);
	ASSERT_NE(0, want);
	file = sip_image_line_of(v, e->insn_off + at, &line);
	ASSERT_NE(NULL, file) TH_LOG("%s: no line for insn %d", marker, at);
	EXPECT_STREQ("calls.c", file);
	EXPECT_EQ(want, line) TH_LOG("%s (insn %d of %s)", marker, at, e->name);
}

TEST_F(calls, line_info)
{
	const struct sip_image_view *v = &self->img.v;
	u32 i;

	ASSERT_GT(v->nr_lines, 0);
	for (i = 1; i < v->nr_lines; i++)
		ASSERT_LT(v->lines[i - 1].insn, v->lines[i].insn);
	/* the second sip_log call; twice's lddw of scale (after init's and its own of counter) */
	expect_line(_metadata, v, self->init, find_insn(v, self->init, CODE_CALL, SIP_CALL_HELPER, 1),
		    "LINE:log");
	expect_line(_metadata, v, self->init, find_insn(v, self->init, CODE_LDDW, SIP_PSEUDO_DATA, 2),
		    "LINE:twice");
	/* add's table lookup, in both of its copies */
	expect_line(_metadata, v, self->init,
		    find_insn(v, self->init, CODE_LDDW, SIP_PSEUDO_RODATA, 2), "LINE:add");
	expect_line(_metadata, v, self->msg, find_insn(v, self->msg, CODE_LDDW, SIP_PSEUDO_RODATA, 0),
		    "LINE:add");
	expect_line(_metadata, v, self->msg, find_insn(v, self->msg, CODE_CALL, SIP_CALL_LOCAL, 0),
		    "LINE:msg");
}

TEST_F(calls, line_of_bounds)
{
	const struct sip_image_view *v = &self->img.v;
	u32 line = 99;

	EXPECT_EQ(NULL, sip_image_line_of(v, v->nr_insns, &line));
	EXPECT_EQ(0, line);
	EXPECT_EQ(NULL, sip_image_line_of(v, ~0u, &line));
}

TEST(hello_example_driver)
{
	struct image img;
	u32 i;

	ASSERT_EQ(0, image_build("../../../drivers/hello", &img)) TH_LOG("%s", img.err);
	EXPECT_STREQ("hello", img.v.manifest->name);
	EXPECT_EQ(1, img.v.manifest->nr_slots);
	EXPECT_EQ(3, img.v.nr_entries);
	EXPECT_STREQ("hello_init", img.v.entry[SIP_ENTRY_INIT]->name);
	EXPECT_STREQ("hello_msg", img.v.entry[SIP_ENTRY_MSG]->name);
	EXPECT_STREQ("hello_exit", img.v.entry[SIP_ENTRY_EXIT]->name);
	for (i = 0; i < img.v.nr_entries; i++) {
		const struct sip_image_entry *e = &img.v.entries[i];
		u8 *data = calloc(1, img.v.data_size + 1);
		struct sip_insn *code = runnable_code(&img.v, e, data, img.v.rodata);
		struct sip_diag diag;

		EXPECT_EQ(0, sip_prog_check(code, e->insn_cnt, &diag)) TH_LOG("%s: %s", e->name, diag.msg);
		/* private-data lddw are instructions of their own (isa.h) */
		EXPECT_EQ(0, sip_prog_check(img.v.insns + e->insn_off, e->insn_cnt, &diag))
			TH_LOG("%s: %s", e->name, diag.msg);
		free(code);
		free(data);
	}
	free(img.buf);
}

/* ---- refusals of the builder ---- */

FIXTURE(refused) {
	struct image img;
};

FIXTURE_VARIANT(refused) {
	const char *driver;
	const char *msg;		/* after "PATH: " */
};

FIXTURE_VARIANT_ADD(refused, no_manifest) {
	.driver = "no_manifest",
	.msg = "no .sip.manifest section (declare one with SIP_MANIFEST())",
};

FIXTURE_VARIANT_ADD(refused, bad_manifest) {
	.driver = "bad_manifest",
	.msg = "manifest: version 2 is not supported (expected 1)",
};

FIXTURE_VARIANT_ADD(refused, short_manifest) {
	.driver = "short_manifest",
	.msg = "section .sip.manifest is 32 bytes, expected " MANIFEST_SIZE_TEXT " (built with another sip.h?)",
};

FIXTURE_VARIANT_ADD(refused, unknown_code_section) {
	.driver = "bad_section",
	.msg = "executable section sip/timer is not an entry point (sip/init, sip/msg, sip/irq or sip/exit) nor .text",
};

FIXTURE_VARIANT_ADD(refused, map) {
	.driver = "map_reloc",
	.msg = "map_reloc_init+0: 'counters' is a BPF map (section .maps): SIPs have no maps, use global variables",
};

FIXTURE_VARIANT_ADD(refused, extern_symbol) {
	.driver = "extern_reloc",
	.msg = "extern_reloc_init+0: 'jiffies' is an extern symbol (not defined in this driver)",
};

FIXTURE_VARIANT_ADD(refused, pointer_in_data) {
	.driver = "data_pointer",
	.msg = "section .data has a relocation against '.rodata': pointers in data are not supported",
};

FIXTURE_VARIANT_ADD(refused, static_entry) {
	.driver = "static_entry",
	.msg = "entry point 'static_entry_init' (sip/init) is static: it must be global",
};

FIXTURE_VARIANT_ADD(refused, missing_file) {
	.driver = "does_not_exist",
	.msg = "No such file or directory",
};

FIXTURE_SETUP(refused)
{
}

FIXTURE_TEARDOWN(refused)
{
}

TEST_F(refused, with_message)
{
	char want[512];
	void *img = NULL;
	u32 size = 0;
	int ret;

	snprintf(want, sizeof(want), "%s: %s", driver_obj(variant->driver), variant->msg);
	ret = sip_image_build(driver_obj(variant->driver), &img, &size, self->img.err,
			      sizeof(self->img.err));
	EXPECT_EQ(strcmp(variant->driver, "does_not_exist") ? -EINVAL : -ENOENT, ret);
	EXPECT_EQ(NULL, img);
	EXPECT_STREQ(want, self->img.err);
}

TEST(refused_not_elf)
{
	static const char junk[] = "this is not an ELF file";
	char err[256];
	void *img = NULL;
	u32 size;

	EXPECT_EQ(-EINVAL, sip_image_build_mem(junk, sizeof(junk), "junk", &img, &size, err,
					       sizeof(err)));
	EXPECT_STREQ("junk: not an ELF file", err);
}

/* The builder itself survives damaged objects: every truncation of calls.o. */
TEST(builder_truncated_objects)
{
	FILE *f = fopen(driver_obj("calls"), "rb");
	static u8 obj[1 << 16];
	size_t len, cut;
	char err[256];

	ASSERT_NE(NULL, f);
	len = fread(obj, 1, sizeof(obj), f);
	fclose(f);
	ASSERT_LT(len, sizeof(obj));
	for (cut = 0; cut < len; cut += 7) {
		void *img = NULL;
		u32 size;
		int ret = sip_image_build_mem(obj, cut, "cut", &img, &size, err, sizeof(err));

		if (!ret)
			free(img);
		ASSERT_TRUE(ret == 0 || ret == -EINVAL) TH_LOG("cut at %zu: %d", cut, ret);
		ASSERT_TRUE(ret == 0 || !strncmp(err, "cut: ", 5)) TH_LOG("%s", err);
	}
}

/* ---- the parser: header fields of a real image ---- */

static const struct {
	u32 off;
	u32 len;
	const char *needle;	/* in the message; NULL: see the test */
} hdr_fields[] = {
	{ offsetof(struct sip_image_hdr, magic), 8, "image: bad magic" },
	{ offsetof(struct sip_image_hdr, version), 4, "image: version" },
	{ offsetof(struct sip_image_hdr, hdr_size), 4, "image: header size" },
	{ offsetof(struct sip_image_hdr, total_size), 4, "image: total_size" },
	{ offsetof(struct sip_image_hdr, flags), 4, "image: flags" },
	{ offsetof(struct sip_image_hdr, manifest), 8, "manifest" },
	{ offsetof(struct sip_image_hdr, entries), 8, "entries" },
	{ offsetof(struct sip_image_hdr, insns), 8, "insns" },
	{ offsetof(struct sip_image_hdr, data), 8, "data" },
	{ offsetof(struct sip_image_hdr, rodata), 8, "rodata" },
	{ offsetof(struct sip_image_hdr, lines), 8, "lines" },
	{ offsetof(struct sip_image_hdr, strings), 8, "strings" },
	{ offsetof(struct sip_image_hdr, data_size), 4, NULL },
	{ offsetof(struct sip_image_hdr, reserved), 20, "image: reserved header field" },
};

TEST_F(calls, parse_valid)
{
	struct sip_image_view v;

	EXPECT_STREQ("", parse_msg(self->img.buf, self->img.size, NULL));
	ASSERT_EQ(0, sip_image_parse(self->img.buf, self->img.size, &v, NULL));
	EXPECT_EQ(self->img.buf, (void *)v.hdr);
	EXPECT_EQ(self->img.v.nr_insns, v.nr_insns);
	EXPECT_EQ(sizeof(struct sip_image_hdr), v.hdr->hdr_size);
	EXPECT_EQ(104, sizeof(struct sip_image_hdr));
	EXPECT_EQ(0, (v.nr_insns + 0ul) * 8 % 8);
}

TEST_F(calls, header_byte_flips)
{
	u8 *img = malloc(self->img.size);
	u32 f, i;

	for (f = 0; f < ARRAY_SIZE(hdr_fields); f++) {
		for (i = hdr_fields[f].off; i < hdr_fields[f].off + hdr_fields[f].len; i++) {
			struct sip_image_view v;
			const char *msg;

			memcpy(img, self->img.buf, self->img.size);
			img[i] ^= 0xff;
			msg = parse_msg(img, self->img.size, &v);
			if (hdr_fields[f].needle) {
				EXPECT_NE(NULL, strstr(msg, hdr_fields[f].needle))
					TH_LOG("byte %u: '%s'", i, msg);
			} else if (i - hdr_fields[f].off < 2) {
				/* data_size 48 ^ 0xff or ^ 0xff00 is still a legal size */
				EXPECT_STREQ("", msg);
				EXPECT_EQ(self->img.v.data_size ^ (0xffu << 8 * (i - hdr_fields[f].off)),
					  v.data_size);
			} else {
				EXPECT_NE(NULL, strstr(msg, "more than the limit"))
					TH_LOG("byte %u: '%s'", i, msg);
			}
		}
	}
	free(img);
}

TEST_F(calls, truncated_at_every_length)
{
	u8 *img = malloc(self->img.size);
	char want[192];
	u32 len;

	memcpy(img, self->img.buf, self->img.size);
	for (len = 0; len < self->img.size; len++) {
		if (len < sizeof(struct sip_image_hdr))
			snprintf(want, sizeof(want),
				 "image: %u bytes is too small for the header (104 bytes)", len);
		else
			snprintf(want, sizeof(want),
				 "image: total_size %u does not match the image's %u bytes",
				 self->img.size, len);
		ASSERT_STREQ(want, parse_msg(img, len, NULL));
	}
	/* The same with total_size agreeing: some section now extends past the end. */
	for (len = sizeof(struct sip_image_hdr); len < self->img.size; len++) {
		((struct sip_image_hdr *)img)->total_size = len;
		ASSERT_NE(NULL, strstr(parse_msg(img, len, NULL), "extends past the end of the image"))
			TH_LOG("len %u", len);
	}
	free(img);
}

TEST_F(calls, unaligned_buffer)
{
	u8 *img = malloc(self->img.size + 8);
	struct sip_image_view v;
	struct sip_diag diag;

	memcpy(img + 4, self->img.buf, self->img.size);
	EXPECT_EQ(-EINVAL, sip_image_parse(img + 4, self->img.size, &v, &diag));
	EXPECT_STREQ("image: buffer is not 8-byte aligned", diag.msg);
	free(img);
}

/* Random damage anywhere: refused with a message or still valid, never a crash. */
TEST_F(calls, random_damage)
{
	u8 *img = malloc(self->img.size);
	u32 round, valid = 0;

	srandom(1);
	for (round = 0; round < 20000; round++) {
		u32 n = 1 + random() % 4;
		const char *msg;

		memcpy(img, self->img.buf, self->img.size);
		while (n--)
			img[random() % self->img.size] = random();
		msg = parse_msg(img, self->img.size, NULL);
		if (!*msg) {
			valid++;
			continue;
		}
		ASSERT_TRUE(!strncmp(msg, "image: ", 7) || !strncmp(msg, "manifest: ", 10))
			TH_LOG("%s", msg);
	}
	TH_LOG("%u of 20000 damaged images still valid (damage in code or data)", valid);
	free(img);
}

/* ---- the parser: hand-made images ---- */

enum { P_MANIFEST, P_ENTRIES, P_INSNS, P_DATA, P_RODATA, P_LINES, P_STRINGS, P__COUNT };

FIXTURE(synth) {
	struct sip_manifest m;
	struct sip_image_entry e[SIP_ENTRY__COUNT + 1];
	struct sip_insn insns[20];
	u8 data[8];
	u8 rodata[8];
	struct sip_image_line lines[3];
	char strings[8];
	const void *part[P__COUNT];
	u32 len[P__COUNT];
	u32 data_size;
	struct sip_image_hdr hdr;	/* of the last image made */
	u8 *img;
	u32 size;
};

/* Header, then each part 8-byte aligned, as the builder lays it out. */
static void synth_make(FIXTURE_DATA(synth) *self)
{
	struct sip_image_sect *sect = &self->hdr.manifest;
	u32 off = sizeof(self->hdr), i;

	free(self->img);
	memset(&self->hdr, 0, sizeof(self->hdr));
	memcpy(self->hdr.magic, SIP_IMAGE_MAGIC, 8);
	self->hdr.version = SIP_IMAGE_VERSION;
	self->hdr.hdr_size = sizeof(self->hdr);
	self->hdr.data_size = self->data_size;
	for (i = 0; i < P__COUNT; i++) {
		off = (off + 7) & ~7u;
		sect[i].off = off;
		sect[i].size = self->len[i];
		off += self->len[i];
	}
	self->size = (off + 7) & ~7u;
	self->hdr.total_size = self->size;
	self->img = calloc(1, self->size);
	memcpy(self->img, &self->hdr, sizeof(self->hdr));
	for (i = 0; i < P__COUNT; i++)
		if (self->len[i])
			memcpy(self->img + sect[i].off, self->part[i], self->len[i]);
}

/* An expected message with the layout's numbers in it. */
static const char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static const char *fmt(const char *f, ...)
{
	static char buf[4][256];
	static int n;
	va_list ap;

	n = (n + 1) % 4;
	va_start(ap, f);
	vsnprintf(buf[n], sizeof(buf[n]), f, ap);
	va_end(ap);
	return buf[n];
}

static const char *synth_msg(FIXTURE_DATA(synth) *self)
{
	synth_make(self);
	return parse_msg(self->img, self->size, NULL);
}

static struct sip_image_hdr *synth_hdr(FIXTURE_DATA(synth) *self)
{
	return (struct sip_image_hdr *)self->img;
}

FIXTURE_SETUP(synth)
{
	static const struct sip_insn ret0[2] = {
		{ .code = SIP_ALU64 | SIP_K | SIP_MOV }, { .code = SIP_JMP | SIP_EXIT },
	};
	u32 i;

	memset(self, 0, sizeof(*self));
	self->m.magic = SIP_MANIFEST_MAGIC;
	self->m.version = SIP_MANIFEST_VERSION;
	strcpy(self->m.name, "synth");
	self->e[0] = (struct sip_image_entry){ .kind = SIP_ENTRY_INIT, .insn_off = 0, .insn_cnt = 10,
					       .name = "synth_init" };
	self->e[1] = (struct sip_image_entry){ .kind = SIP_ENTRY_MSG, .insn_off = 10, .insn_cnt = 10,
					       .name = "synth_msg" };
	for (i = 0; i < 20; i += 2)
		memcpy(&self->insns[i], ret0, sizeof(ret0));
	self->lines[0] = (struct sip_image_line){ .insn = 0, .file = 0, .line = 10 };
	self->lines[1] = (struct sip_image_line){ .insn = 5, .file = 0, .line = 12 };
	self->lines[2] = (struct sip_image_line){ .insn = 12, .file = 4, .line = 20 };
	memcpy(self->strings, "a.c\0b.c", 8);
	self->part[P_MANIFEST] = &self->m;
	self->len[P_MANIFEST] = sizeof(self->m);
	self->part[P_ENTRIES] = self->e;
	self->len[P_ENTRIES] = 2 * sizeof(self->e[0]);
	self->part[P_INSNS] = self->insns;
	self->len[P_INSNS] = sizeof(self->insns);
	self->part[P_DATA] = self->data;
	self->len[P_DATA] = sizeof(self->data);
	self->part[P_RODATA] = self->rodata;
	self->len[P_RODATA] = sizeof(self->rodata);
	self->part[P_LINES] = self->lines;
	self->len[P_LINES] = sizeof(self->lines);
	self->part[P_STRINGS] = self->strings;
	self->len[P_STRINGS] = sizeof(self->strings);
	self->data_size = 16;
}

FIXTURE_TEARDOWN(synth)
{
	free(self->img);
}

TEST_F(synth, valid_and_line_of)
{
	struct sip_image_view v;
	const char *file;
	u32 line;

	synth_make(self);
	ASSERT_STREQ("", parse_msg(self->img, self->size, NULL));
	ASSERT_EQ(0, sip_image_parse(self->img, self->size, &v, NULL));
	EXPECT_EQ(2, v.nr_entries);
	EXPECT_EQ(20, v.nr_insns);
	EXPECT_EQ(3, v.nr_lines);
	EXPECT_EQ(16, v.data_size);
	EXPECT_EQ(8, v.data_len);
	file = sip_image_line_of(&v, 7, &line);
	EXPECT_STREQ("a.c", file);
	EXPECT_EQ(12, line);
	file = sip_image_line_of(&v, 0, &line);
	EXPECT_STREQ("a.c", file);
	EXPECT_EQ(10, line);
	/* insn 11 is msg's: the record at 5 belongs to init */
	EXPECT_EQ(NULL, sip_image_line_of(&v, 11, &line));
	EXPECT_EQ(0, line);
	file = sip_image_line_of(&v, 19, &line);
	EXPECT_STREQ("b.c", file);
	EXPECT_EQ(20, line);
	EXPECT_EQ(NULL, sip_image_line_of(&v, 20, &line));
}

TEST_F(synth, section_past_end)
{
	synth_make(self);
	synth_hdr(self)->insns.off = self->size - 8;
	EXPECT_STREQ(fmt("image: section insns (off %u, size 160) extends past the end of the image (%u bytes)",
			 self->size - 8, self->size),
		     parse_msg(self->img, self->size, NULL));
	synth_hdr(self)->insns.off = 0xfffffff8;
	EXPECT_STREQ(fmt("image: section insns (off 4294967288, size 160) extends past the end of the image (%u bytes)",
			 self->size),
		     parse_msg(self->img, self->size, NULL));
}

TEST_F(synth, section_sizes_wrap)
{
	synth_make(self);
	synth_hdr(self)->lines.size = 0xfffffff0;
	EXPECT_STREQ(fmt("image: section lines (off %u, size 4294967280) extends past the end of the image (%u bytes)",
			 synth_hdr(self)->lines.off, self->size),
		     parse_msg(self->img, self->size, NULL));
}

TEST_F(synth, sections_overlap)
{
	synth_make(self);
	synth_hdr(self)->rodata.off = synth_hdr(self)->data.off;
	EXPECT_STREQ("image: sections data and rodata overlap", parse_msg(self->img, self->size, NULL));
	synth_make(self);
	synth_hdr(self)->entries.off = synth_hdr(self)->manifest.off + 8;
	EXPECT_STREQ("image: sections manifest and entries overlap",
		     parse_msg(self->img, self->size, NULL));
}

TEST_F(synth, section_in_header)
{
	synth_make(self);
	synth_hdr(self)->strings.off = 96;
	EXPECT_STREQ("image: section strings (off 96, size 8) overlaps the header (104 bytes)",
		     parse_msg(self->img, self->size, NULL));
}

TEST_F(synth, section_unaligned)
{
	synth_make(self);
	synth_hdr(self)->data.off += 4;
	EXPECT_STREQ(fmt("image: section data (off %u, size 8) is not 8-byte aligned",
			 synth_hdr(self)->data.off),
		     parse_msg(self->img, self->size, NULL));
}

TEST_F(synth, section_size_not_whole_elements)
{
	self->len[P_LINES] -= 4;
	EXPECT_STREQ("image: section lines size 44 is not a multiple of 16", synth_msg(self));
}

TEST_F(synth, empty_sections_are_fine)
{
	self->len[P_DATA] = self->len[P_RODATA] = self->len[P_LINES] = self->len[P_STRINGS] = 0;
	self->data_size = 0;
	EXPECT_STREQ("", synth_msg(self));
}

TEST_F(synth, manifest_wrong_size)
{
	self->len[P_MANIFEST] -= 8;
	EXPECT_STREQ(fmt("image: section manifest is %zu bytes, expected %zu",
			 sizeof(struct sip_manifest) - 8, sizeof(struct sip_manifest)),
		     synth_msg(self));
}

TEST_F(synth, manifest_fields)
{
	self->m.magic++;
	EXPECT_STREQ("manifest: bad magic 0x54464e4d50495354", synth_msg(self));
	self->m.magic--;
	self->m.version = 7;
	EXPECT_STREQ("manifest: version 7 is not supported (expected 1)", synth_msg(self));
	self->m.version = SIP_MANIFEST_VERSION;
	memset(self->m.name, 'x', sizeof(self->m.name));
	EXPECT_STREQ("manifest: name is not NUL-terminated", synth_msg(self));
	self->m.name[0] = '\0';
	EXPECT_STREQ("manifest: the driver has no name", synth_msg(self));
	strcpy(self->m.name, "synth");
	self->m.dev_class = SIP_CLASS__COUNT;
	EXPECT_STREQ("manifest: unknown device class 5", synth_msg(self));
	self->m.dev_class = SIP_CLASS_BLOCK;
	self->m.reserved[7] = 1;
	EXPECT_STREQ("manifest: reserved field 7 is not zero", synth_msg(self));
	self->m.reserved[7] = 0;
	EXPECT_STREQ("", synth_msg(self));
}

TEST_F(synth, manifest_limits)
{
	self->m.nr_channels = SIP_MAX_CHANNELS + 1;
	EXPECT_STREQ("manifest: 9 channels, more than 8", synth_msg(self));
	self->m.nr_channels = 0xffffffff;
	EXPECT_STREQ("manifest: 4294967295 channels, more than 8", synth_msg(self));
	self->m.nr_channels = 0;
	self->m.nr_params = SIP_MAX_PARAMS + 1;
	EXPECT_STREQ("manifest: 9 parameters, more than 8", synth_msg(self));
	self->m.nr_params = 0;
	self->m.nr_slots = SIP_MAX_SLOTS + 1;
	EXPECT_STREQ("manifest: 1025 slots, more than 1024", synth_msg(self));
	self->m.nr_slots = SIP_MAX_SLOTS;
	EXPECT_STREQ("", synth_msg(self));
}

TEST_F(synth, manifest_unterminated_names)
{
	self->m.nr_channels = 2;
	self->m.nr_params = 1;
	memset(self->m.chans[1].name, 'c', sizeof(self->m.chans[1].name));
	EXPECT_STREQ("manifest: channel 1: name is not NUL-terminated", synth_msg(self));
	self->m.chans[1].name[0] = '\0';
	memset(self->m.chans[0].contract, 'k', sizeof(self->m.chans[0].contract));
	EXPECT_STREQ("manifest: channel 0: contract name is not NUL-terminated", synth_msg(self));
	self->m.chans[0].contract[0] = '\0';
	memset(self->m.params[0].name, 'p', sizeof(self->m.params[0].name));
	EXPECT_STREQ("manifest: parameter 0: name is not NUL-terminated", synth_msg(self));
	/* names past nr_params are not looked at */
	self->m.nr_params = 0;
	EXPECT_STREQ("", synth_msg(self));
}

TEST_F(synth, no_entries)
{
	self->len[P_ENTRIES] = 0;
	EXPECT_STREQ("image: no entry points", synth_msg(self));
}

TEST_F(synth, too_many_entries)
{
	u32 i;

	for (i = 2; i < SIP_ENTRY__COUNT + 1; i++)
		self->e[i] = (struct sip_image_entry){ .kind = i, .insn_off = i, .insn_cnt = 1,
						       .name = "more" };
	self->len[P_ENTRIES] = (SIP_ENTRY__COUNT + 1) * sizeof(self->e[0]);
	EXPECT_STREQ("image: 5 entries, more than one per kind (4)", synth_msg(self));
}

TEST_F(synth, duplicate_entry_kind)
{
	self->e[1].kind = SIP_ENTRY_INIT;
	EXPECT_STREQ("image: entry 1 (synth_msg): a second sip/init entry (entry 0 is one)",
		     synth_msg(self));
}

TEST_F(synth, entry_fields)
{
	self->e[1].kind = SIP_ENTRY__COUNT;
	EXPECT_STREQ("image: entry 1 (synth_msg): unknown kind 4", synth_msg(self));
	self->e[1].kind = SIP_ENTRY_MSG;
	self->e[1].reserved = 2;
	EXPECT_STREQ("image: entry 1 (synth_msg): reserved field is 0x2, must be 0", synth_msg(self));
	self->e[1].reserved = 0;
	memset(self->e[0].name, 'n', sizeof(self->e[0].name));
	EXPECT_STREQ("image: entry 0: name is not NUL-terminated", synth_msg(self));
	self->e[0].name[0] = '\0';
	EXPECT_STREQ("image: entry 0: empty name", synth_msg(self));
}

TEST_F(synth, entry_ranges)
{
	self->e[1].insn_cnt = 0;
	EXPECT_STREQ("image: entry 1 (synth_msg): no instructions", synth_msg(self));
	self->e[1].insn_cnt = 11;
	EXPECT_STREQ("image: entry 1 (synth_msg): instructions 10..20 are outside insns (20)",
		     synth_msg(self));
	self->e[1].insn_off = 0xfffffff0;
	self->e[1].insn_cnt = 0x20;
	EXPECT_STREQ("image: entry 1 (synth_msg): instructions 4294967280..4294967311 are outside insns (20)",
		     synth_msg(self));
	self->e[1].insn_off = 9;
	self->e[1].insn_cnt = 2;
	EXPECT_STREQ("image: entries 0 and 1 share instructions", synth_msg(self));
}

TEST_F(synth, too_many_insns)
{
	u32 n = SIP_IMAGE_MAX_INSNS + 1;
	struct sip_insn *insns = calloc(n, sizeof(*insns));

	self->part[P_INSNS] = insns;
	self->len[P_INSNS] = n * sizeof(*insns);
	EXPECT_STREQ("image: 1048577 instructions, more than the limit (1048576)", synth_msg(self));
	free(insns);
}

TEST_F(synth, image_too_large)
{
	u8 *big = calloc(1, SIP_IMAGE_MAX_SIZE);

	self->part[P_RODATA] = big;
	self->len[P_RODATA] = SIP_IMAGE_MAX_SIZE;
	EXPECT_STREQ(fmt("image: %zu bytes, more than the limit (16777216)",
			 SIP_IMAGE_MAX_SIZE + 1400 + sizeof(struct sip_manifest) - 976), synth_msg(self));
	free(big);
}

TEST_F(synth, data_sizes)
{
	self->data_size = 4;
	EXPECT_STREQ("image: data (8 bytes) is larger than data_size (4)", synth_msg(self));
	self->data_size = SIP_IMAGE_MAX_DATA;
	EXPECT_STREQ("image: data_size 4194304 plus rodata 8 is more than the limit (4194304)",
		     synth_msg(self));
	self->data_size = 0xffffffff;
	EXPECT_STREQ("image: data_size 4294967295 plus rodata 8 is more than the limit (4194304)",
		     synth_msg(self));
	self->data_size = SIP_IMAGE_MAX_DATA - 8;
	EXPECT_STREQ("", synth_msg(self));
}

TEST_F(synth, strings_unterminated)
{
	self->strings[7] = 'x';
	EXPECT_STREQ("image: strings do not end with NUL", synth_msg(self));
}

TEST_F(synth, lines)
{
	self->lines[2].insn = 20;
	EXPECT_STREQ("image: line 2: insn 20 is outside insns (20)", synth_msg(self));
	self->lines[2].insn = 5;
	EXPECT_STREQ("image: line 2: insn 5 after insn 5, not sorted", synth_msg(self));
	self->lines[2].insn = 3;
	EXPECT_STREQ("image: line 2: insn 3 after insn 5, not sorted", synth_msg(self));
	self->lines[2].insn = 12;
	self->lines[1].file = 8;
	EXPECT_STREQ("image: line 1: file offset 8 is outside strings (8 bytes)", synth_msg(self));
	self->len[P_STRINGS] = 0;
	self->lines[1].file = 0;
	EXPECT_STREQ("image: line 0: file offset 0 is outside strings (0 bytes)", synth_msg(self));
}

TEST_F(synth, header_fields)
{
	synth_make(self);
	synth_hdr(self)->flags = 1;
	EXPECT_STREQ("image: flags 0x1, must be 0", parse_msg(self->img, self->size, NULL));
	synth_make(self);
	synth_hdr(self)->reserved[4] = 0x80;
	EXPECT_STREQ("image: reserved header field 4 is 0x80, must be 0",
		     parse_msg(self->img, self->size, NULL));
	synth_make(self);
	synth_hdr(self)->version = 2;
	EXPECT_STREQ("image: version 2 is not supported (expected 1)",
		     parse_msg(self->img, self->size, NULL));
	synth_make(self);
	synth_hdr(self)->hdr_size = 112;
	EXPECT_STREQ("image: header size 112, expected 104", parse_msg(self->img, self->size, NULL));
	synth_make(self);
	synth_hdr(self)->magic[7] = 'X';
	EXPECT_STREQ("image: bad magic (not a SIP image)", parse_msg(self->img, self->size, NULL));
}

TEST_HARNESS_MAIN
