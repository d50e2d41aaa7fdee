/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The SIP image: the flat, versioned form of a driver that sipctl hands to
 * the kernel (and sipdrv-host runs in user space). libsipdrv builds it from
 * the driver's BPF ELF object; the kernel parses it defensively and trusts
 * nothing in it before the verifier has run.
 *
 * Layout: a header, then sections, each an (offset, size) pair relative to
 * the image start, 8-byte aligned, inside the image, not overlapping the
 * header. Little-endian throughout.
 *
 *   manifest  struct sip_manifest (abi.h), copied from ".sip.manifest"
 *   entries   struct sip_image_entry[]: one per handler, at most one per kind,
 *             each a non-empty range of insns shared with no other entry
 *   insns     struct sip_insn[]: every handler's code, each self-contained
 *             (its local functions appended after it), lddw of private data
 *             as SIP_PSEUDO_DATA / SIP_PSEUDO_RODATA with the offset in imm
 *   data      initial contents of the writable data (.data sections, each
 *             8-byte aligned); data_size (>= its size) is the whole writable
 *             region, the .bss sections zeroed after it (8-byte aligned)
 *   rodata    the read-only data (.rodata, .rodata.*, each 8-byte aligned)
 *   lines     struct sip_image_line[], sorted by insn, at most one per insn:
 *             an instruction's position is the nearest record at or before
 *             it within its entry
 *   strings   NUL-terminated strings that lines refer to (source file base
 *             names); the section ends with a NUL
 * sipdrv_runtime/image_parse.h parses and checks an image; libsipdrv's
 * image_build.h builds one.
 */
#ifndef _SIPDRV_IMAGE_H
#define _SIPDRV_IMAGE_H

#include <sipdrv/types.h>

#define SIP_IMAGE_MAGIC		"SIPIMG\r\n"	/* 8 bytes, no NUL */
#define SIP_IMAGE_VERSION	1
#define SIP_IMAGE_MAX_SIZE	(16u << 20)	/* the kernel refuses larger images */
#define SIP_IMAGE_MAX_INSNS	(1u << 20)	/* per image */
#define SIP_IMAGE_MAX_DATA	(4u << 20)	/* writable + read-only data */

struct sip_image_sect {
	u32 off;
	u32 size;
};

struct sip_image_hdr {
	char magic[8];			/* SIP_IMAGE_MAGIC */
	u32 version;			/* SIP_IMAGE_VERSION */
	u32 hdr_size;			/* sizeof(struct sip_image_hdr) */
	u32 total_size;			/* of the whole image */
	u32 flags;			/* zero */
	struct sip_image_sect manifest;
	struct sip_image_sect entries;
	struct sip_image_sect insns;
	struct sip_image_sect data;
	struct sip_image_sect rodata;
	struct sip_image_sect lines;
	struct sip_image_sect strings;
	u32 data_size;			/* writable region: data plus zeroed .bss */
	u32 reserved[5];		/* zero */
};

struct sip_image_entry {
	u32 kind;			/* enum sip_entry_kind */
	u32 insn_off;			/* first instruction, an index into insns */
	u32 insn_cnt;			/* its code, local functions included */
	u32 reserved;			/* zero */
	char name[32];			/* the C function's name, NUL-terminated */
};

struct sip_image_line {
	u32 insn;			/* index into insns */
	u32 file;			/* offset into strings */
	u32 line;
	u32 col;
};

#endif /* _SIPDRV_IMAGE_H */
