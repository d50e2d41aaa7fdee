// SPDX-License-Identifier: GPL-2.0
/* Reader of bpf_conformance's bytecode.tsv (see bytecode_tsv.h). */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bytecode_tsv.h"

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

long sip_unhex(const char *s, unsigned char *out, unsigned long cap)
{
	unsigned long n = 0;
	int hi = -1;

	for (; *s; s++) {
		int v;

		if (isspace((unsigned char)*s))
			continue;
		v = hexval(*s);
		if (v < 0)
			return -1;
		if (hi < 0) {
			hi = v;
			continue;
		}
		if (n >= cap)
			return -1;
		out[n++] = (unsigned char)(hi << 4 | v);
		hi = -1;
	}
	return hi < 0 ? (long)n : -1;
}

int sip_tsv_count(const char *path)
{
	char line[4096];
	FILE *f = fopen(path, "r");
	int n = 0;

	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f))
		if (line[0] != '#' && line[0] != '\n' && line[0] && strchr(line, '\t'))
			n++;
	fclose(f);
	return n;
}

/* Reads one whole line, however long, into *buf. */
static long read_line(FILE *f, char **buf, size_t *cap)
{
	ssize_t n = getline(buf, cap, f);

	if (n > 0 && (*buf)[n - 1] == '\n')
		(*buf)[--n] = 0;
	return n;
}

int sip_tsv_next(FILE *f, struct sip_tsv_entry *e)
{
	char *line = NULL, *fields[4], *save = NULL;
	size_t cap = 0;
	long plen, mlen;
	int nf, ret = -EINVAL;

	do {
		if (read_line(f, &line, &cap) < 0) {
			free(line);
			return 0;
		}
	} while (line[0] == '#' || !line[0]);

	/* name, expected, memory (may be empty), program */
	save = line;
	for (nf = 0; nf < 4; nf++) {
		fields[nf] = strsep(&save, "\t");
		if (!fields[nf])
			break;
	}
	if (nf != 4 || strlen(fields[0]) >= sizeof(e->name))
		goto out;
	strcpy(e->name, fields[0]);
	e->expected = strtoull(fields[1], NULL, 16);
	free(e->mem);
	free(e->insns);
	e->mem = malloc(strlen(fields[2]) / 2 + 1);
	e->insns = malloc(strlen(fields[3]) / 2 + 8);
	if (!e->mem || !e->insns) {
		ret = -ENOMEM;
		goto out;
	}
	mlen = sip_unhex(fields[2], e->mem, strlen(fields[2]) / 2);
	plen = sip_unhex(fields[3], (unsigned char *)e->insns, strlen(fields[3]) / 2);
	if (mlen < 0 || plen <= 0 || plen % 8)
		goto out;
	e->mem_len = (u32)mlen;
	e->insn_cnt = (u32)(plen / 8);
	ret = 1;
out:
	free(line);
	return ret;
}

void sip_tsv_entry_free(struct sip_tsv_entry *e)
{
	free(e->mem);
	free(e->insns);
	e->mem = NULL;
	e->insns = NULL;
}
