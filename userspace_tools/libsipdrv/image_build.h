/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The image builder (user space): a driver's BPF ELF object, as clang
 * writes it, to a SIP image (include/sipdrv/image.h).
 *
 * - Each section of SIP_ENTRY_SECTIONS holds one global function: an entry.
 *   Functions in .text that an entry calls (transitively) are appended after
 *   it, with the call offsets fixed, so each entry's code stands alone.
 * - lddw relocated against .data/.bss (.data.*, .bss.*) becomes
 *   SIP_PSEUDO_DATA and against .rodata (.rodata.*) SIP_PSEUDO_RODATA, with
 *   the offset in the writable or read-only region in imm. The writable
 *   region is the .data sections, then the .bss sections, each 8-byte
 *   aligned; the read-only one is the .rodata sections, each 8-byte aligned.
 * - ".sip.manifest" is copied, after the same checks the kernel makes.
 * - .BTF.ext line info becomes line records (file base names, line, column).
 * Anything else that would change what the code does (another executable
 * section, maps, externs, relocations in data) is refused with a message.
 */
#ifndef _SIPDRV_IMAGE_BUILD_H
#define _SIPDRV_IMAGE_BUILD_H

#include <stddef.h>
#include <sipdrv/types.h>

/*
 * Builds the image of the ELF object at @elf_path. Returns 0 with *@image
 * (malloc()ed, 8-byte aligned: free() it) and *@size, or a negative errno
 * with a one-line message in @err (@errlen bytes; may be NULL) naming what is
 * wrong, e.g. "hello.o: no .sip.manifest section (declare one with
 * SIP_MANIFEST())".
 */
int sip_image_build(const char *elf_path, void **image, u32 *size, char *err, size_t errlen);

/* The same from an object already in memory; @name prefixes the messages. */
int sip_image_build_mem(const void *elf, size_t elf_size, const char *name, void **image,
			u32 *size, char *err, size_t errlen);

#endif /* _SIPDRV_IMAGE_BUILD_H */
