/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reader of bpf_conformance's bytecode.tsv: per test, the expected r0, the
 * input memory and the program exactly as the upstream runner sends it.
 */
#ifndef _SIPDRV_BYTECODE_TSV_H
#define _SIPDRV_BYTECODE_TSV_H

#include <stdio.h>
#include <sipdrv/isa.h>

struct sip_tsv_entry {
	char name[128];
	u64 expected;
	unsigned char *mem;
	u32 mem_len;
	struct sip_insn *insns;
	u32 insn_cnt;
};

/* Number of entries in the file at @path, or -errno. */
int sip_tsv_count(const char *path);

/*
 * Reads the next entry from @f into @e (whose buffers it reallocates).
 * Returns 1 for an entry, 0 at the end, -EINVAL for a malformed line.
 */
int sip_tsv_next(FILE *f, struct sip_tsv_entry *e);
void sip_tsv_entry_free(struct sip_tsv_entry *e);

/* Decodes hex text (pairs of digits, white space ignored); -1 when malformed. */
long sip_unhex(const char *text, unsigned char *out, unsigned long cap);

#endif /* _SIPDRV_BYTECODE_TSV_H */
