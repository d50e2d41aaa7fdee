/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The bpf_conformance .data test files (user space): sections "-- asm",
 * "-- raw" (lines of 0x 64-bit little-endian words, or of 8 hex bytes),
 * "-- mem" (hex bytes), "-- result" (the expected r0), "-- error" (an expected
 * error text); "-- c" and "-- no register offset" are read and ignored.
 * Before the first section only blank lines and # comments may appear.
 */
#ifndef _SIPDRV_DATAFILE_H
#define _SIPDRV_DATAFILE_H

#include <sipdrv/isa.h>
#include "asm.h"

struct sip_datafile {
	char *asm_text;			/* -- asm as written, NULL when absent */
	unsigned int asm_line;		/* the file's line number of asm_text's first line */
	struct sip_insn *raw;		/* -- raw, NULL when absent */
	u32 raw_len;			/* in instructions */
	bool has_raw;
	u8 *mem;			/* -- mem, NULL when absent or empty */
	u32 mem_len;
	bool has_mem;
	u64 result;			/* -- result */
	bool has_result;
	char *error;			/* -- error, trimmed ("" when empty), NULL when absent */
};

/*
 * Parses the text of a .data file into @df (zeroed first; free it with
 * sip_datafile_free(), even on failure). Returns 0, -EINVAL with @err filled
 * (the file's line, the token, the message; @err may be NULL) or -ENOMEM.
 */
int sip_datafile_parse(const char *text, struct sip_datafile *df, struct sip_asm_error *err);

/* The same for the file at @path; -errno when it cannot be read. */
int sip_datafile_read(const char *path, struct sip_datafile *df, struct sip_asm_error *err);

void sip_datafile_free(struct sip_datafile *df);

#endif /* _SIPDRV_DATAFILE_H */
