// SPDX-License-Identifier: GPL-2.0
/* The .data file parser of the bpf_conformance suite (see datafile.h). */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform.h"
#include "datafile.h"

#define DF_LINE_MAX 4096

/* A growing byte buffer. */
struct bytes {
	u8 *p;
	size_t len, cap;
};

struct parser {
	struct sip_datafile *df;
	struct sip_asm_error *err;
	unsigned int line;
	int section;		/* index in sections[], -1 before the first */
	unsigned int seen;	/* bit per section */
	struct bytes asm_text, raw, mem, error;
};

struct section {
	const char *name;
	int (*line)(struct parser *ps, char *text);	/* NULL: ignored */
};

static __printf(3, 4) int fail(struct parser *ps, const char *tok, const char *fmt, ...)
{
	va_list ap;

	ps->err->line = ps->line;
	snprintf(ps->err->token, sizeof(ps->err->token), "%s", tok);
	va_start(ap, fmt);
	vsnprintf(ps->err->msg, sizeof(ps->err->msg), fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static int put(struct bytes *b, const void *data, size_t len)
{
	size_t cap = b->cap ? b->cap : 64;
	u8 *p;

	if (b->len + len + 1 > b->cap) {
		while (cap < b->len + len + 1)
			cap *= 2;
		p = realloc(b->p, cap);
		if (!p)
			return -ENOMEM;
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, data, len);
	b->len += len;
	b->p[b->len] = 0;	/* text buffers stay NUL-terminated */
	return 0;
}

static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = 0;
	return s;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower((unsigned char)c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* @s as hex digits only, at most @max of them; -1 when it is not. */
static int parse_hex(const char *s, unsigned int max, u64 *val)
{
	unsigned int n = 0;

	*val = 0;
	for (; *s; s++, n++) {
		if (hexval(*s) < 0 || n == max)
			return -1;
		*val = *val << 4 | hexval(*s);
	}
	return n ? 0 : -1;
}

static int asm_line(struct parser *ps, char *text)
{
	return put(&ps->asm_text, text, strlen(text)) ?: put(&ps->asm_text, "\n", 1);
}

/* "0x1122334400000018" (one little-endian word) or "18 00 00 00 44 33 22 11". */
static int raw_line(struct parser *ps, char *text)
{
	char *tok[9], *save = NULL, *s = trim(text);
	u8 bytes[8];
	u64 val;
	int n = 0, i;

	if (!*s || *s == '#')
		return 0;
	for (tok[n] = strtok_r(s, " \t", &save); tok[n] && n < 8; tok[++n] = strtok_r(NULL, " \t", &save))
		;
	if (n == 1 && !strncmp(tok[0], "0x", 2) && !parse_hex(tok[0] + 2, 16, &val)) {
		for (i = 0; i < 8; i++)
			bytes[i] = val >> (8 * i);
		return put(&ps->raw, bytes, 8);
	}
	for (i = 0; n == 8 && !tok[8] && i < 8; i++) {
		if (parse_hex(tok[i], 2, &val))
			break;
		bytes[i] = val;
	}
	if (n != 8 || tok[8] || i != 8)
		return fail(ps, s, "raw line '%s' is neither a 0x 64-bit word nor 8 hex bytes", s);
	return put(&ps->raw, bytes, 8);
}

static int mem_line(struct parser *ps, char *text)
{
	char *tok, *save = NULL;
	u64 val;
	u8 byte;
	int ret;

	for (tok = strtok_r(text, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
		if (parse_hex(tok, 2, &val))
			return fail(ps, tok, "invalid memory byte '%s'", tok);
		byte = val;
		ret = put(&ps->mem, &byte, 1);
		if (ret)
			return ret;
	}
	return 0;
}

static int result_line(struct parser *ps, char *text)
{
	char *s = trim(text), *end = s;
	u64 val;

	if (!*s)
		return 0;
	if (ps->df->has_result)
		return fail(ps, s, "more than one result: '%s'", s);
	errno = 0;
	if (!strncmp(s, "0x", 2) || !strncmp(s, "0X", 2)) {
		if (parse_hex(s + 2, 16, &val))
			errno = EINVAL;
	} else if (isdigit((unsigned char)s[*s == '-'])) {
		val = *s == '-' ? (u64)strtoll(s, &end, 10) : strtoull(s, &end, 10);
		if (*end)
			errno = EINVAL;
	} else {
		errno = EINVAL;
	}
	if (errno)
		return fail(ps, s, "invalid result '%s'", s);
	ps->df->result = val;
	ps->df->has_result = true;
	return 0;
}

static int error_line(struct parser *ps, char *text)
{
	char *s = trim(text);

	if (!*s)
		return 0;
	if (ps->error.len && put(&ps->error, "\n", 1))
		return -ENOMEM;
	return put(&ps->error, s, strlen(s));
}

static const struct section sections[] = {
	{ "asm", asm_line },
	{ "raw", raw_line },
	{ "mem", mem_line },
	{ "result", result_line },
	{ "error", error_line },
	{ "c", NULL },
	{ "no register offset", NULL },
};

enum { SECTION_ASM, SECTION_RAW, SECTION_MEM, SECTION_RESULT, SECTION_ERROR };

/* "-- NAME": switches to that section. */
static int start_section(struct parser *ps, char *text)
{
	char *name = trim(text + 2);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sections); i++)
		if (!strcmp(name, sections[i].name))
			break;
	if (i == ARRAY_SIZE(sections))
		return fail(ps, name, "unknown section '-- %s'", name);
	if (ps->seen & (1u << i))
		return fail(ps, name, "duplicate section '-- %s'", name);
	ps->seen |= 1u << i;
	ps->section = i;
	if (i == SECTION_ASM)
		ps->df->asm_line = ps->line + 1;
	return 0;
}

static int parse_line(struct parser *ps, char *text)
{
	const struct section *sec;
	char *s;

	if (!strncmp(text, "--", 2))
		return start_section(ps, text);
	if (ps->section < 0) {
		s = trim(text);
		if (*s && *s != '#')
			return fail(ps, s, "text outside a section: '%s'", s);
		return 0;
	}
	sec = &sections[ps->section];
	return sec->line ? sec->line(ps, text) : 0;
}

/* Hands the collected sections over to @df. */
static int finish(struct parser *ps)
{
	struct sip_datafile *df = ps->df;

	if (ps->seen & (1u << SECTION_ASM)) {
		if (!ps->asm_text.p && put(&ps->asm_text, "", 0))
			return -ENOMEM;
		df->asm_text = (char *)ps->asm_text.p;
		ps->asm_text.p = NULL;
	}
	df->has_raw = ps->seen & (1u << SECTION_RAW);
	df->raw = (struct sip_insn *)ps->raw.p;
	df->raw_len = ps->raw.len / sizeof(struct sip_insn);
	ps->raw.p = NULL;
	df->has_mem = ps->seen & (1u << SECTION_MEM);
	df->mem = ps->mem.p;
	df->mem_len = ps->mem.len;
	ps->mem.p = NULL;
	if (ps->seen & (1u << SECTION_ERROR)) {
		if (!ps->error.p && put(&ps->error, "", 0))
			return -ENOMEM;
		df->error = (char *)ps->error.p;
		ps->error.p = NULL;
	}
	return 0;
}

int sip_datafile_parse(const char *text, struct sip_datafile *df, struct sip_asm_error *err)
{
	struct sip_asm_error scratch;
	struct parser ps = { .df = df, .err = err ? err : &scratch, .section = -1 };
	char line[DF_LINE_MAX];
	size_t n;
	int ret = 0;

	memset(df, 0, sizeof(*df));
	memset(ps.err, 0, sizeof(*ps.err));
	for (ps.line = 1; *text && !ret; ps.line++) {
		n = strcspn(text, "\n");
		if (n >= sizeof(line)) {
			ret = fail(&ps, "", "line too long (%zu characters)", n);
			break;
		}
		memcpy(line, text, n);
		line[n] = 0;
		line[strcspn(line, "\r")] = 0;
		ret = parse_line(&ps, line);
		text += n + (text[n] == '\n');
	}
	if (!ret)
		ret = finish(&ps);
	free(ps.asm_text.p);
	free(ps.raw.p);
	free(ps.mem.p);
	free(ps.error.p);
	if (ret == -ENOMEM)
		snprintf(ps.err->msg, sizeof(ps.err->msg), "out of memory");
	return ret;
}

static char *read_all(FILE *f)
{
	struct bytes b = { 0 };
	char chunk[4096];
	size_t n;

	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (put(&b, chunk, n)) {
			free(b.p);
			errno = ENOMEM;
			return NULL;
		}
	}
	if (ferror(f) || (!b.p && put(&b, "", 0))) {
		free(b.p);
		return NULL;
	}
	return (char *)b.p;
}

int sip_datafile_read(const char *path, struct sip_datafile *df, struct sip_asm_error *err)
{
	FILE *f = fopen(path, "r");
	char *text;
	int ret;

	memset(df, 0, sizeof(*df));
	text = f ? read_all(f) : NULL;
	if (!text) {
		ret = -(errno ? errno : EIO);
		if (err) {
			memset(err, 0, sizeof(*err));
			snprintf(err->msg, sizeof(err->msg), "cannot read %s: %s", path, strerror(-ret));
		}
		if (f)
			fclose(f);
		return ret;
	}
	fclose(f);
	ret = sip_datafile_parse(text, df, err);
	free(text);
	return ret;
}

void sip_datafile_free(struct sip_datafile *df)
{
	free(df->asm_text);
	free(df->raw);
	free(df->mem);
	free(df->error);
	memset(df, 0, sizeof(*df));
}
