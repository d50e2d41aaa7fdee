// SPDX-License-Identifier: GPL-2.0
/*
 * The verifier corpus: every program of tests/verifier/corpus/ is verified
 * and must come out the way its header says. C programs (built by clang into
 * build/tests/verifier/NAME.o) go through the image builder and parser like
 * a real driver, and a rejected one must be refused in the named handler,
 * with the expected message, at the source line marked "// <-- here"; every
 * other handler of the file must be accepted. Assembly programs are
 * assembled here and verified with the settings of their "# " header:
 *	# kind: raw|init|msg|irq|exit		(required)
 *	# data: N, # rodata: N, # slots: N, # channels: N
 *	# rodata_bytes: HEX			(the content of the first bytes of
 *						 read-only data, known to the verifier)
 *	# contract: ping|block client|server	(of every channel; default none)
 *	# expect: accept | # expect: reject: MESSAGE SUBSTRING
 *	# expect-also: SUBSTRING		(another part of the message)
 *	# insn: N				(the instruction a refusal names)
 *	# patch: N code=0x.. dst=.. src=.. off=.. imm=..
 * "patch" rewrites fields of instruction N after assembly, for what the
 * assembler refuses to write (unknown opcodes, reserved fields, r11).
 *	verifier_corpus [FILE...]	(default: all of tests/verifier/corpus)
 *
 * Run as precision_corpus (a link to this program), it verifies the
 * precision corpus instead: tests/verifier/precision/, driver code written
 * as a C programmer writes it, each file with the verdict it gets today. It
 * prints the share accepted, and each refusal's message; a refused file
 * that becomes accepted fails until its expectation says accept, so that
 * the rate only moves when the files say so. There a refusal's line is
 * checked only when a "// <-- here" marks it (a complexity refusal names
 * whichever loop or join it gave up at).
 * VERIFIER_CORPUS_LOG=1 prints the verifier's path log on every mismatch;
 * VERIFIER_CORPUS_SHOW=1 prints every refusal's message, expected or not.
 */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kselftest.h"
#include "asm.h"
#include "image_build.h"
#include "image_parse.h"
#include "../../verifier/image_verify.h"

#define CORPUS_DIR "tests/verifier/corpus"
#define PRECISION_DIR "tests/verifier/precision"
#define HERE_MARK "// <-- here"
#define LOG_SIZE (1u << 20)
#define MAX_PATCHES 4
#define MAX_ALSO 4

/* What a corpus file says it should come to. */
struct expect {
	bool reject;
	char entry[64];		/* C: the handler that must be refused */
	char msg[256];		/* a substring of the verifier's message */
	/* "expect-also:" lines: more substrings the message must hold */
	char also[MAX_ALSO][256];
	u32 nr_also;
	u32 here_line;		/* C: the line marked HERE_MARK, 0 if none */
	s64 insn;		/* asm: the instruction to be named, -1 if any */
	u32 kind;		/* asm: enum sip_entry_kind or SIP_VKIND_RAW */
	u32 data_size, rodata_size, nr_slots, nr_channels;
	u8 rodata[64];
	u32 rodata_const;
	struct sip_manifest_chan chan;	/* asm: every channel's contract */
	u32 nr_patches;
	struct patch {
		u32 insn;
		char fields[96];	/* "code=0xff src=3" */
	} patches[MAX_PATCHES];
};

enum corpus_lang { LANG_C, LANG_ASM };

static bool precision;		/* run as precision_corpus */

struct tally {
	int accepted, rejected, nr_c, nr_asm;
	int verdict_accepted;	/* precision: files whose every handler was accepted */
};

static char *read_text(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET))
		goto out;
	buf = malloc(n + 1);
	if (!buf)
		goto out;
	if (fread(buf, 1, n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
		goto out;
	}
	buf[n] = '\0';
out:
	fclose(f);
	return buf;
}

static void trim(char *s)
{
	size_t n = strlen(s);

	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = '\0';
}

/* "accept" or "reject[ ENTRY]: MESSAGE" (after "expect:"). */
static int parse_expect(const char *s, enum corpus_lang lang, struct expect *e)
{
	const char *colon;
	size_t n;

	while (*s == ' ')
		s++;
	if (!strncmp(s, "accept", 6)) {
		e->reject = false;
		return 0;
	}
	if (strncmp(s, "reject", 6))
		return -1;
	e->reject = true;
	s += 6;
	colon = strchr(s, ':');
	if (!colon)
		return -1;
	while (*s == ' ')
		s++;
	n = colon - s;
	if (lang == LANG_C && (!n || n >= sizeof(e->entry)))
		return -1;
	if (lang == LANG_ASM && n)
		return -1;
	memcpy(e->entry, s, n);
	e->entry[n] = '\0';
	trim(e->entry);
	s = colon + 1;
	while (*s == ' ')
		s++;
	snprintf(e->msg, sizeof(e->msg), "%s", s);
	trim(e->msg);
	return e->msg[0] ? 0 : -1;
}

static const char *const kind_names[] = {
	[SIP_ENTRY_INIT] = "init", [SIP_ENTRY_MSG] = "msg", [SIP_ENTRY_IRQ] = "irq",
	[SIP_ENTRY_EXIT] = "exit", [SIP_VKIND_RAW] = "raw",
};

/* One "# key: value" line of an assembly header. */
static int parse_asm_header(const char *key, const char *val, struct expect *e)
{
	u32 i;

	if (!strcmp(key, "patch")) {
		struct patch *p = &e->patches[e->nr_patches];
		char *end;

		if (e->nr_patches == MAX_PATCHES)
			return -1;
		p->insn = strtoul(val, &end, 0);
		if (end == val)
			return -1;
		snprintf(p->fields, sizeof(p->fields), "%s", end);
		e->nr_patches++;
		return 0;
	}
	if (!strcmp(key, "kind")) {
		for (i = 0; i < ARRAY_SIZE(kind_names); i++)
			if (!strcmp(val, kind_names[i])) {
				e->kind = i;
				return 0;
			}
		return -1;
	}
	if (!strcmp(key, "contract")) {
		static const struct sip_manifest_chan chans[] = {
			SIP_USES("ping client", PING), SIP_SERVES("ping server", PING),
			SIP_USES("block client", BLOCK), SIP_SERVES("block server", BLOCK),
		};

		for (i = 0; i < ARRAY_SIZE(chans); i++)
			if (!strcmp(val, chans[i].name)) {
				e->chan = chans[i];
				return 0;
			}
		return -1;
	}
	if (!strcmp(key, "data"))
		e->data_size = strtoul(val, NULL, 0);
	else if (!strcmp(key, "rodata"))
		e->rodata_size = strtoul(val, NULL, 0);
	else if (!strcmp(key, "rodata_bytes"))
		for (e->rodata_const = 0; val[0] && val[1] && e->rodata_const < sizeof(e->rodata);
		     val += 2) {
			char hex[3] = { val[0], val[1], 0 };

			e->rodata[e->rodata_const++] = (u8)strtoul(hex, NULL, 16);
		}
	else if (!strcmp(key, "slots"))
		e->nr_slots = strtoul(val, NULL, 0);
	else if (!strcmp(key, "channels"))
		e->nr_channels = strtoul(val, NULL, 0);
	else if (!strcmp(key, "insn"))
		e->insn = strtol(val, NULL, 0);
	return 0;
}

/* Reads the expectation out of @text; says what is wrong in @why. */
static int parse_header(char *text, enum corpus_lang lang, struct expect *e, char *why,
			size_t whylen)
{
	const char *prefix = lang == LANG_C ? "// expect:" : "# expect:";
	const char *also = lang == LANG_C ? "// expect-also:" : "# expect-also:";
	bool have_expect = false, have_kind = false;
	char *line = text, *next;
	u32 lineno = 0;

	memset(e, 0, sizeof(*e));
	e->insn = -1;
	for (; line; line = next) {
		char *p;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		p = strstr(line, prefix);
		if (p && !have_expect) {
			if (parse_expect(p + strlen(prefix), lang, e)) {
				snprintf(why, whylen, "line %u: malformed expectation", lineno);
				return -1;
			}
			have_expect = true;
		}
		if (!strncmp(line, also, strlen(also))) {
			if (e->nr_also == MAX_ALSO) {
				snprintf(why, whylen, "line %u: more than %d expect-also lines",
					 lineno, MAX_ALSO);
				return -1;
			}
			snprintf(e->also[e->nr_also], sizeof(e->also[0]), "%s",
				 line + strlen(also) + (line[strlen(also)] == ' '));
			trim(e->also[e->nr_also++]);
			continue;
		}
		if (lang == LANG_C && strstr(line, HERE_MARK)) {
			if (e->here_line) {
				snprintf(why, whylen, "line %u: a second \"%s\"", lineno, HERE_MARK);
				return -1;
			}
			e->here_line = lineno;
		}
		if (lang == LANG_ASM && line[0] == '#' && line[1] == ' ' && !p) {
			char key[16], val[128];

			if (sscanf(line, "# %15[a-z_]: %127[^\n]", key, val) == 2) {
				trim(val);
				if (parse_asm_header(key, val, e)) {
					snprintf(why, whylen, "line %u: bad '%s: %s'", lineno, key, val);
					return -1;
				}
				have_kind |= !strcmp(key, "kind");
			}
		}
	}
	if (!have_expect)
		snprintf(why, whylen, "no \"%s\" line", prefix);
	else if (lang == LANG_C && e->reject && !e->here_line && !precision)
		snprintf(why, whylen, "a reject without a \"%s\" line", HERE_MARK);
	else if (lang == LANG_ASM && !have_kind)
		snprintf(why, whylen, "no \"# kind:\" line");
	else
		return 0;
	return -1;
}

static char *verify_log;
static bool show_all;

/* Verifies @prog; the formatted message (if refused) goes to @msg. */
static int verify(const struct sip_vprog *prog, char *msg, size_t size, u32 *insn)
{
	struct sip_verify_opts opts = { 0 };
	struct sip_diag diag;
	int ret;

	if (verify_log) {
		opts.log = verify_log;
		opts.log_size = LOG_SIZE;
	}
	ret = sip_verify(prog, &opts, NULL, &diag);
	msg[0] = '\0';
	if (ret)
		sip_verify_format(prog, &diag, msg, size);
	*insn = diag.insn;
	return ret;
}

static void print_log(void)
{
	char *line, *next;

	if (!verify_log)
		return;
	for (line = verify_log; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		ksft_print_msg("  | %s\n", line);
	}
}

/* Does "insn N (FILE.c:LINE): ..." name @where ("FILE.c:LINE")? */
static bool names_line(const char *msg, const char *where)
{
	const char *p = strstr(msg, " (");

	return !strncmp(msg, "insn ", 5) && p && !strncmp(p + 2, where, strlen(where)) &&
	       p[2 + strlen(where)] == ')';
}

/* Does a refusal match? @where is "FILE.c:LINE" for C, or NULL. */
static bool reject_ok(const char *name, const struct expect *e, int ret, const char *msg,
		      const char *where, s64 insn)
{
	u32 i;

	if (!ret && precision) {
		ksft_print_msg("%s: accepted now, expected a refusal with \"%s\": progress; make its first line \"// expect: accept\"\n",
			       name, e->msg);
		return false;
	}
	if (!ret) {
		ksft_print_msg("%s: accepted, expected a refusal with \"%s\"\n", name, e->msg);
		return false;
	}
	if (!strstr(msg, e->msg)) {
		ksft_print_msg("%s: refused (%d) with \"%s\", expected \"%s\"\n", name, ret, msg,
			       e->msg);
		return false;
	}
	for (i = 0; i < e->nr_also; i++)
		if (!strstr(msg, e->also[i])) {
			ksft_print_msg("%s: refused with \"%s\", which lacks \"%s\"\n", name, msg,
				       e->also[i]);
			return false;
		}
	if (where && !names_line(msg, where)) {
		ksft_print_msg("%s: \"%s\" does not name %s\n", name, msg, where);
		return false;
	}
	if (e->insn >= 0 && insn != e->insn) {
		ksft_print_msg("%s: \"%s\" names insn %lld, expected insn %lld\n", name, msg,
			       (long long)insn, (long long)e->insn);
		return false;
	}
	if (show_all || precision)
		ksft_print_msg("%s: refused: %s\n", name, msg);
	return true;
}

/* ---- C programs: the image of build/tests/verifier/NAME.o ---- */

static char obj_dir[PATH_MAX];		/* build/tests/verifier[/precision] */

/*
 * Next to this program (build/tests/host/../verifier) when it is there;
 * otherwise build/tests/verifier from the repository root (a copy of this
 * program built elsewhere, e.g. with sanitizers).
 */
static void find_obj_dir(void)
{
	ssize_t n = readlink("/proc/self/exe", obj_dir, sizeof(obj_dir) - 32);
	char *slash;

	if (n < 0)
		n = 0;
	obj_dir[n] = '\0';
	slash = strrchr(obj_dir, '/');
	if (slash)
		*slash = '\0';
	strcat(obj_dir, "/../verifier");
	if (access(obj_dir, R_OK | X_OK))
		snprintf(obj_dir, sizeof(obj_dir), "build/tests/verifier");
	if (precision)
		strcat(obj_dir, "/precision");
}

static bool run_c(const char *name, const struct expect *e, struct tally *t)
{
	char obj[PATH_MAX + 160], err[256], msg[512], where[160], base[128];
	struct sip_image_view view;
	struct sip_diag diag;
	void *image = NULL;
	bool ok = true, found = false;
	u32 size, i, refused = 0;
	size_t n;

	snprintf(base, sizeof(base), "%s", name);
	n = strlen(base);
	base[n - 2] = '\0';			/* drop ".c" */
	snprintf(obj, sizeof(obj), "%s/%s.o", obj_dir, base);
	if (sip_image_build(obj, &image, &size, err, sizeof(err))) {
		ksft_print_msg("%s: no image: %s\n", name, err);
		return false;
	}
	if (sip_image_parse(image, size, &view, &diag)) {
		ksft_print_msg("%s: the image does not parse: %s\n", name, diag.msg);
		free(image);
		return false;
	}
	snprintf(where, sizeof(where), "%s:%u", name, e->here_line);
	if (!e->here_line)
		where[0] = '\0';		/* precision: no line pinned */
	for (i = 0; i < view.nr_entries; i++) {
		const struct sip_image_entry *ent = &view.entries[i];
		struct sip_entry_lines lines;
		struct sip_vprog prog;
		bool target = e->reject && !strcmp(ent->name, e->entry);
		u32 insn;
		int ret;

		sip_vprog_from_image(&prog, &view, ent, &lines);
		ret = verify(&prog, msg, sizeof(msg), &insn);
		refused += !!ret;

		found |= target;
		if (target) {
			if (!reject_ok(name, e, ret, msg, where[0] ? where : NULL, -1)) {
				ok = false;
				print_log();
			}
		} else if (ret) {
			ksft_print_msg("%s: %s refused (%d): %s\n", name, ent->name, ret, msg);
			ok = false;
			print_log();
		}
	}
	if (e->reject && !found) {
		ksft_print_msg("%s: no handler named %s\n", name, e->entry);
		ok = false;
	}
	t->verdict_accepted += !refused;
	free(image);
	return ok;
}

/* ---- assembly programs ---- */

/* Applies "field=value ..." to @insn; -1 on a malformed patch. */
static int apply_patch(struct sip_insn *insn, const char *fields)
{
	char name[8], *end;
	const char *p = fields;
	long v;

	while (*p) {
		int n = 0;

		while (*p == ' ')
			p++;
		if (!*p)
			break;
		if (sscanf(p, "%7[a-z]=%n", name, &n) != 1 || !n)
			return -1;
		p += n;
		v = strtol(p, &end, 0);
		if (end == p)
			return -1;
		p = end;
		if (!strcmp(name, "code"))
			insn->code = (u8)v;
		else if (!strcmp(name, "dst"))
			insn->dst = (u8)v;
		else if (!strcmp(name, "src"))
			insn->src = (u8)v;
		else if (!strcmp(name, "off"))
			insn->off = (s16)v;
		else if (!strcmp(name, "imm"))
			insn->imm = (s32)v;
		else
			return -1;
	}
	return 0;
}

static bool run_asm(const char *name, const char *text, const struct expect *e)
{
	struct sip_asm_error aerr;
	struct sip_insn *insns = NULL;
	struct sip_vprog prog = {
		.kind = e->kind,
		.data_size = e->data_size,
		.rodata_size = e->rodata_size,
		.rodata = e->rodata_const ? e->rodata : NULL,
		.rodata_const = e->rodata_const,
		.nr_slots = e->nr_slots,
		.nr_channels = e->nr_channels,
	};
	char msg[512];
	u32 len = 0, insn, i;
	bool ok;
	int ret;

	if (sip_asm(text, &insns, &len, &aerr)) {
		sip_asm_error_format(&aerr, msg, sizeof(msg));
		ksft_print_msg("%s: does not assemble: %s\n", name, msg);
		return false;
	}
	for (i = 0; i < e->nr_patches; i++) {
		const struct patch *p = &e->patches[i];

		if (p->insn >= len || apply_patch(&insns[p->insn], p->fields)) {
			ksft_print_msg("%s: bad patch of insn %u: '%s'\n", name, p->insn, p->fields);
			free(insns);
			return false;
		}
	}
	for (i = 0; i < e->nr_channels && i < SIP_MAX_CHANNELS; i++)
		sip_vchan_from_manifest(&prog.chans[i], &e->chan);
	prog.insns = insns;
	prog.len = len;
	ret = verify(&prog, msg, sizeof(msg), &insn);
	if (e->reject) {
		ok = reject_ok(name, e, ret, msg, NULL, insn);
	} else {
		ok = !ret;
		if (!ok)
			ksft_print_msg("%s: refused (%d): %s\n", name, ret, msg);
	}
	if (!ok)
		print_log();
	free(insns);
	return ok;
}

/* ---- the corpus ---- */

static enum corpus_lang lang_of(const char *name, bool *known)
{
	size_t n = strlen(name);

	*known = true;
	if (n > 2 && !strcmp(name + n - 2, ".c"))
		return LANG_C;
	if (n > 2 && !strcmp(name + n - 2, ".s"))
		return LANG_ASM;
	*known = false;
	return LANG_C;
}

static int is_corpus_file(const struct dirent *d)
{
	bool known;

	lang_of(d->d_name, &known);
	return known && d->d_name[0] != '.';
}

static void run_file(const char *path, struct tally *t)
{
	const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char *text, *hdr = NULL, why[256];
	struct expect e = { 0 };
	enum corpus_lang lang;
	bool known, ok = false;

	lang = lang_of(name, &known);
	if (lang == LANG_C)
		t->nr_c++;
	else
		t->nr_asm++;
	text = read_text(path);
	if (text)
		hdr = strdup(text);
	if (!text || !hdr) {
		ksft_print_msg("%s: cannot read it\n", path);
		goto out;
	}
	if (parse_header(hdr, lang, &e, why, sizeof(why))) {
		ksft_print_msg("%s: %s\n", name, why);
		goto out;
	}
	ok = lang == LANG_C ? run_c(name, &e, t) : run_asm(name, text, &e);
	if (ok && e.reject)
		t->rejected++;
	else if (ok)
		t->accepted++;
out:
	if (!hdr || !e.reject)
		ksft_test_result(ok, "%s: accept\n", name);
	else
		ksft_test_result(ok, "%s: reject: %s\n", name, e.msg);
	free(hdr);
	free(text);
}

int main(int argc, char **argv)
{
	struct tally t = { 0 };
	struct dirent **files = NULL;
	const char *self = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	const char *dir;
	char path[PATH_MAX];
	int n, i, total;

	precision = strstr(self, "precision");
	dir = precision ? PRECISION_DIR : CORPUS_DIR;
	find_obj_dir();
	show_all = getenv("VERIFIER_CORPUS_SHOW");
	if (getenv("VERIFIER_CORPUS_LOG"))
		verify_log = malloc(LOG_SIZE);
	ksft_print_header();
	if (argc > 1) {
		ksft_set_plan(argc - 1);
		for (i = 1; i < argc; i++)
			run_file(argv[i], &t);
	} else {
		n = scandir(dir, &files, is_corpus_file, alphasort);
		if (n < 0)
			ksft_exit_fail_msg("cannot list %s (run from the repository root)\n", dir);
		ksft_set_plan(n);
		for (i = 0; i < n; i++) {
			snprintf(path, sizeof(path), "%s/%s", dir, files[i]->d_name);
			run_file(path, &t);
			free(files[i]);
		}
		free(files);
	}
	total = t.nr_c + t.nr_asm;
	ksft_print_msg("corpus: %d accepted as expected, %d rejected as expected, of %d programs (C: %d, asm: %d)\n",
		       t.accepted, t.rejected, total, t.nr_c, t.nr_asm);
	if (precision && total)
		ksft_print_msg("precision corpus: %d of %d accepted (%d%%)\n", t.verdict_accepted,
			       total, (100 * t.verdict_accepted + total / 2) / total);
	free(verify_log);
	ksft_finished();
}
