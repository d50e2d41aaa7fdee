/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading a SIP image (include/sipdrv/image.h): the defensive parser the
 * kernel runs on every image it is given, before anything else looks at it,
 * and the source-line lookup that error messages use. Portable: the same
 * code runs in sipdrv.ko and in user space.
 */
#ifndef _SIPDRV_IMAGE_PARSE_H
#define _SIPDRV_IMAGE_PARSE_H

#include <sipdrv/abi.h>
#include <sipdrv/image.h>
#include "insn.h"

/*
 * A parsed image: pointers into the caller's buffer (nothing is copied) and
 * the element counts derived from the section sizes. Valid as long as the
 * buffer is.
 */
struct sip_image_view {
	const struct sip_image_hdr *hdr;
	const struct sip_manifest *manifest;
	const struct sip_image_entry *entries;
	u32 nr_entries;
	const struct sip_insn *insns;
	u32 nr_insns;
	const u8 *data;			/* initial contents of the writable region */
	u32 data_len;			/* bytes of @data */
	u32 data_size;			/* the whole writable region (.bss included) */
	const u8 *rodata;
	u32 rodata_size;
	const struct sip_image_line *lines;
	u32 nr_lines;
	const char *strings;
	u32 strings_size;
	/* the entry of each kind, NULL when the driver has none */
	const struct sip_image_entry *entry[SIP_ENTRY__COUNT];
};

/*
 * Checks every field of the image in @buf[0..size) (8-byte aligned) and
 * fills @view. Returns 0, or -EINVAL with @diag (may be NULL) saying what is
 * wrong. Never reads outside @buf, whatever it holds.
 */
int sip_image_parse(const void *buf, u32 size, struct sip_image_view *view,
		    struct sip_diag *diag);

/*
 * Checks a driver's manifest on its own (magic, version, NUL-terminated
 * names, counts within the ABI's limits): the part of sip_image_parse() that
 * the image builder also runs on the ELF's ".sip.manifest".
 */
int sip_manifest_check(const struct sip_manifest *m, struct sip_diag *diag);

/* The ELF section of an entry kind ("sip/init"), or NULL when @kind is unknown. */
const char *sip_entry_kind_name(u32 kind);

/*
 * The source file of instruction @insn of a parsed image, with its line in
 * *@line: the nearest line record at or before @insn within the same entry.
 * NULL (and *@line 0) when there is none.
 */
const char *sip_image_line_of(const struct sip_image_view *view, u32 insn, u32 *line);

#endif /* _SIPDRV_IMAGE_PARSE_H */
