// SPDX-License-Identifier: GPL-2.0
/*
 * The image builder: reads a driver's BPF ELF object with libelf (sections,
 * symbols, relocations) and libbpf (BTF strings), lays out its private data,
 * copies each entry's code with the .text functions it calls, rewrites data
 * relocations into pseudo lddw, and writes the flat SIP image. See
 * image_build.h for the rules.
 */
#include <errno.h>
#include <gelf.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/bpf.h>
#include <bpf/btf.h>

#include <sipdrv/abi.h>
#include <sipdrv/image.h>
#include <sipdrv/isa.h>
#include "image_build.h"
#include "image_parse.h"
#include "insn.h"

#define ALIGN8(x) (((x) + 7) & ~(u64)7)
#define INSN_SZ sizeof(struct sip_insn)
#define CODE_LDDW (SIP_LD | SIP_IMM | SIP_DW)
#define CODE_CALL (SIP_JMP | SIP_K | SIP_CALL)

/* A growing byte array. */
struct vec {
	u8 *p;
	size_t len;
	size_t cap;
};

enum sect_kind {
	SK_OTHER,
	SK_ENTRY,	/* one of SIP_ENTRY_SECTIONS */
	SK_TEXT,	/* .text: functions the entries call */
	SK_DATA,	/* .data, .data.*: writable, initialised */
	SK_BSS,		/* .bss, .bss.*: writable, zeroed */
	SK_RODATA,	/* .rodata, .rodata.*: read-only */
	SK_MANIFEST,	/* .sip.manifest */
};

/* A relocation of one instruction slot of a code section. */
struct reloc {
	bool set;
	u32 type;
	u32 sym;
};

struct sect {
	const char *name;
	GElf_Shdr shdr;
	Elf_Data *data;
	enum sect_kind kind;
	u32 entry_kind;			/* SK_ENTRY */
	u32 region_off;			/* SK_DATA, SK_BSS, SK_RODATA: offset in its region */
	struct reloc *relocs;		/* SK_ENTRY, SK_TEXT: one per instruction slot */
	const u8 *line_recs;		/* its .BTF.ext line records */
	u32 nr_line_recs;
};

/* A function: a range of instructions of a code section. */
struct func {
	const char *name;
	u32 sect;
	u32 start;
	u32 cnt;
};

/* A function copied into the current entry's code, starting at insns[base]. */
struct piece {
	struct func fn;
	u32 base;
};

/* A local call at insns[at] whose target is instruction @target of @sect. */
struct fixup {
	u32 at;
	u32 sect;
	u32 target;
};

struct builder {
	const char *name;
	char *err;
	size_t errlen;
	Elf *elf;
	struct sect *sects;
	size_t nr_sects;
	Elf_Data *syms;
	size_t nr_syms;
	u32 sym_strtab;
	u32 text;			/* .text's section index, 0 when none */
	u32 entry_sect[SIP_ENTRY__COUNT];	/* section index per kind, 0 when none */
	struct func *funcs;		/* of .text, sorted by start */
	u32 nr_funcs;
	struct sip_manifest manifest;
	struct btf *btf;
	u32 line_rec_size;
	/* the entry being built */
	struct piece *pieces;
	u32 nr_pieces;
	struct vec fixups;
	/* the image's sections */
	struct sip_image_entry entries[SIP_ENTRY__COUNT];
	u32 nr_entries;
	struct vec insns;
	struct vec data;		/* .data sections; .bss follows up to data_size */
	u32 data_size;
	struct vec rodata;
	struct vec lines;
	struct vec strings;
};

static int __printf(3, 4) fail(struct builder *b, int ret, const char *fmt, ...)
{
	size_t n;
	va_list ap;

	if (!b->err || !b->errlen)
		return ret;
	n = snprintf(b->err, b->errlen, "%s: ", b->name);
	if (n < b->errlen) {
		va_start(ap, fmt);
		vsnprintf(b->err + n, b->errlen - n, fmt, ap);
		va_end(ap);
	}
	return ret;
}

#define fail_inval(b, ...) fail(b, -EINVAL, __VA_ARGS__)
#define fail_nomem(b) fail(b, -ENOMEM, "out of memory")

/* Makes room for @n more (zeroed) bytes at the end of @v; NULL when out of memory. */
static void *vec_grow(struct vec *v, size_t n)
{
	void *at;

	if (!v->p || v->cap - v->len < n) {
		size_t cap = v->cap ? v->cap : 256;
		u8 *p;

		while (cap - v->len < n)
			cap *= 2;
		p = realloc(v->p, cap);
		if (!p)
			return NULL;
		v->p = p;
		v->cap = cap;
	}
	at = v->p + v->len;
	memset(at, 0, n);
	v->len += n;
	return at;
}

static struct sip_insn *insn_at(struct builder *b, u32 idx)
{
	return (struct sip_insn *)b->insns.p + idx;
}

static u32 nr_insns(const struct builder *b)
{
	return b->insns.len / INSN_SZ;
}

/* ---- sections ---- */

static const struct {
	const char *prefix;
	enum sect_kind kind;
} data_sections[] = {
	{ ".data", SK_DATA },
	{ ".bss", SK_BSS },
	{ ".rodata", SK_RODATA },
};

/* "sip/init, sip/msg, ... or sip/exit": the entry sections, for messages. */
static const char *entry_section_list(char *buf, size_t size)
{
	size_t n = 0;
	u32 kind;

	buf[0] = '\0';
	for (kind = 0; kind < SIP_ENTRY__COUNT && n < size; kind++)
		n += snprintf(buf + n, size - n, "%s%s", !kind ? "" :
			      kind + 1 < SIP_ENTRY__COUNT ? ", " : " or ", sip_entry_kind_name(kind));
	return buf;
}

/* ".data" matches ".data" and ".data.anything". */
static bool has_prefix(const char *name, const char *prefix)
{
	size_t n = strlen(prefix);

	return !strncmp(name, prefix, n) && (!name[n] || name[n] == '.');
}

static int classify_code(struct builder *b, u32 idx, struct sect *s)
{
	char list[128];
	u32 kind;

	for (kind = 0; kind < SIP_ENTRY__COUNT; kind++) {
		if (strcmp(s->name, sip_entry_kind_name(kind)))
			continue;
		if (b->entry_sect[kind])
			return fail_inval(b, "two sections named %s", s->name);
		b->entry_sect[kind] = idx;
		s->kind = SK_ENTRY;
		s->entry_kind = kind;
		return 0;
	}
	if (!strcmp(s->name, ".text")) {
		if (b->text)
			return fail_inval(b, "two sections named .text");
		b->text = idx;
		s->kind = SK_TEXT;
		return 0;
	}
	return fail_inval(b, "executable section %s is not an entry point (%s) nor .text", s->name,
			  entry_section_list(list, sizeof(list)));
}

static int classify(struct builder *b, u32 idx, struct sect *s)
{
	size_t i;

	if (s->shdr.sh_flags & SHF_EXECINSTR)
		return classify_code(b, idx, s);
	if (!strcmp(s->name, ".sip.manifest")) {
		s->kind = SK_MANIFEST;
		return 0;
	}
	if (!(s->shdr.sh_flags & SHF_ALLOC))
		return 0;
	for (i = 0; i < ARRAY_SIZE(data_sections); i++)
		if (has_prefix(s->name, data_sections[i].prefix))
			s->kind = data_sections[i].kind;
	return 0;
}

static int read_section(struct builder *b, Elf_Scn *scn, u32 idx, size_t shstrndx)
{
	struct sect *s = &b->sects[idx];

	if (!gelf_getshdr(scn, &s->shdr))
		return fail_inval(b, "cannot read section header %u: %s", idx, elf_errmsg(-1));
	s->name = elf_strptr(b->elf, shstrndx, s->shdr.sh_name);
	if (!s->name)
		return fail_inval(b, "section %u has no name", idx);
	/* NOBITS sections (.bss) have a size but no contents: no data at all. */
	s->data = s->shdr.sh_type == SHT_NOBITS ? NULL : elf_getdata(scn, NULL);
	if (!s->data && s->shdr.sh_type != SHT_NOBITS && s->shdr.sh_size)
		return fail_inval(b, "cannot read section %s: %s", s->name, elf_errmsg(-1));
	if (s->shdr.sh_type != SHT_NOBITS && s->shdr.sh_size &&
	    (!s->data->d_buf || s->data->d_size != s->shdr.sh_size))
		return fail_inval(b, "section %s: contents do not match its size", s->name);
	if (s->shdr.sh_type == SHT_SYMTAB) {
		if (b->syms)
			return fail_inval(b, "more than one symbol table");
		b->syms = s->data;
		b->nr_syms = s->data ? s->data->d_size / sizeof(Elf64_Sym) : 0;
		b->sym_strtab = s->shdr.sh_link;
	}
	return classify(b, idx, s);
}

static int check_ehdr(struct builder *b)
{
	GElf_Ehdr ehdr;

	if (elf_kind(b->elf) != ELF_K_ELF || !gelf_getehdr(b->elf, &ehdr))
		return fail_inval(b, "not an ELF file");
	if (ehdr.e_ident[EI_CLASS] != ELFCLASS64 || ehdr.e_ident[EI_DATA] != ELFDATA2LSB)
		return fail_inval(b, "not a 64-bit little-endian ELF file");
	if (ehdr.e_machine != EM_BPF)
		return fail_inval(b, "not a BPF object (ELF machine %u; build it with clang -target bpf)",
				  ehdr.e_machine);
	if (ehdr.e_type != ET_REL)
		return fail_inval(b, "not a relocatable object (ELF type %u)", ehdr.e_type);
	return 0;
}

static int read_sections(struct builder *b)
{
	size_t shstrndx, n;
	Elf_Scn *scn = NULL;
	int ret;

	ret = check_ehdr(b);
	if (ret)
		return ret;
	if (elf_getshdrnum(b->elf, &n) || elf_getshdrstrndx(b->elf, &shstrndx))
		return fail_inval(b, "cannot read the section headers: %s", elf_errmsg(-1));
	b->sects = calloc(n ? n : 1, sizeof(*b->sects));
	if (!b->sects)
		return fail_nomem(b);
	b->nr_sects = n;
	while ((scn = elf_nextscn(b->elf, scn))) {
		size_t idx = elf_ndxscn(scn);

		if (idx >= n)
			return fail_inval(b, "section index %zu out of range", idx);
		ret = read_section(b, scn, idx, shstrndx);
		if (ret)
			return ret;
	}
	if (!b->syms)
		return fail_inval(b, "no symbol table");
	return 0;
}

/* ---- symbols ---- */

static int get_sym(struct builder *b, u32 idx, GElf_Sym *sym)
{
	if (idx >= b->nr_syms || !gelf_getsym(b->syms, idx, sym))
		return fail_inval(b, "bad symbol index %u", idx);
	return 0;
}

static const char *sym_name(struct builder *b, const GElf_Sym *sym)
{
	const char *name;

	if (GELF_ST_TYPE(sym->st_info) == STT_SECTION && sym->st_shndx < b->nr_sects)
		return b->sects[sym->st_shndx].name;
	name = elf_strptr(b->elf, b->sym_strtab, sym->st_name);
	return name ? name : "?";
}

/* The section a defined symbol lives in, or NULL (undefined, absolute, ...). */
static struct sect *sym_sect(struct builder *b, const GElf_Sym *sym)
{
	if (sym->st_shndx == SHN_UNDEF || sym->st_shndx >= b->nr_sects)
		return NULL;
	return &b->sects[sym->st_shndx];
}

static int func_of_sym(struct builder *b, const GElf_Sym *sym, struct func *fn)
{
	const struct sect *s = &b->sects[sym->st_shndx];
	u64 size = s->shdr.sh_size;

	fn->name = sym_name(b, sym);
	fn->sect = sym->st_shndx;
	if (sym->st_value % INSN_SZ || sym->st_size % INSN_SZ || !sym->st_size ||
	    sym->st_value > size || sym->st_size > size - sym->st_value)
		return fail_inval(b, "function '%s' (offset %llu, size %llu) does not fit section %s",
				  fn->name, (unsigned long long)sym->st_value,
				  (unsigned long long)sym->st_size, s->name);
	fn->start = sym->st_value / INSN_SZ;
	fn->cnt = sym->st_size / INSN_SZ;
	return 0;
}

static int cmp_func(const void *a, const void *b)
{
	const struct func *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* The functions of .text, sorted, none overlapping another. */
static int collect_text_funcs(struct builder *b)
{
	GElf_Sym sym;
	u32 i;
	int ret;

	b->funcs = calloc(b->nr_syms ? b->nr_syms : 1, sizeof(*b->funcs));
	if (!b->funcs)
		return fail_nomem(b);
	for (i = 1; b->text && i < b->nr_syms; i++) {
		ret = get_sym(b, i, &sym);
		if (ret)
			return ret;
		if (GELF_ST_TYPE(sym.st_info) != STT_FUNC || sym.st_shndx != b->text)
			continue;
		ret = func_of_sym(b, &sym, &b->funcs[b->nr_funcs]);
		if (ret)
			return ret;
		b->nr_funcs++;
	}
	qsort(b->funcs, b->nr_funcs, sizeof(*b->funcs), cmp_func);
	for (i = 1; i < b->nr_funcs; i++)
		if (b->funcs[i].start < b->funcs[i - 1].start + b->funcs[i - 1].cnt)
			return fail_inval(b, "functions '%s' and '%s' overlap in .text",
					  b->funcs[i - 1].name, b->funcs[i].name);
	return 0;
}

/* The one global function of entry section @idx. */
static int entry_func(struct builder *b, u32 idx, struct func *fn)
{
	const struct sect *s = &b->sects[idx];
	GElf_Sym sym, found;
	u32 i, count = 0;
	int ret;

	for (i = 1; i < b->nr_syms; i++) {
		ret = get_sym(b, i, &sym);
		if (ret)
			return ret;
		if (GELF_ST_TYPE(sym.st_info) == STT_FUNC && sym.st_shndx == idx) {
			found = sym;
			count++;
		}
	}
	if (count != 1)
		return fail_inval(b, "section %s holds %u functions, expected one", s->name, count);
	ret = func_of_sym(b, &found, fn);
	if (ret)
		return ret;
	if (GELF_ST_BIND(found.st_info) != STB_GLOBAL)
		return fail_inval(b, "entry point '%s' (%s) is static: it must be global", fn->name,
				  s->name);
	if (fn->start || fn->cnt * INSN_SZ != s->shdr.sh_size)
		return fail_inval(b, "entry point '%s' does not fill section %s", fn->name, s->name);
	if (strlen(fn->name) >= sizeof(((struct sip_image_entry *)0)->name))
		return fail_inval(b, "entry point name '%s' is longer than %zu characters", fn->name,
				  sizeof(((struct sip_image_entry *)0)->name) - 1);
	return 0;
}

/* ---- relocations ---- */

static int read_relocs(struct builder *b, struct sect *rs)
{
	struct sect *s = &b->sects[rs->shdr.sh_info];
	u32 i, nr = rs->data ? rs->data->d_size / sizeof(Elf64_Rel) : 0;
	GElf_Rel rel;

	for (i = 0; i < nr; i++) {
		struct reloc *r;

		if (!gelf_getrel(rs->data, i, &rel))
			return fail_inval(b, "cannot read relocation %u of %s", i, s->name);
		if (rel.r_offset % INSN_SZ || rel.r_offset >= s->shdr.sh_size)
			return fail_inval(b, "relocation at %s+%llu is not on an instruction", s->name,
					  (unsigned long long)rel.r_offset);
		r = &s->relocs[rel.r_offset / INSN_SZ];
		if (r->set)
			return fail_inval(b, "two relocations of %s insn %llu", s->name,
					  (unsigned long long)rel.r_offset / INSN_SZ);
		r->set = true;
		r->type = GELF_R_TYPE(rel.r_info);
		r->sym = GELF_R_SYM(rel.r_info);
	}
	return 0;
}

static int reject_data_reloc(struct builder *b, struct sect *rs)
{
	struct sect *s = &b->sects[rs->shdr.sh_info];
	GElf_Sym sym;
	GElf_Rel rel;
	int ret;

	if (rs->shdr.sh_type != SHT_REL || !rs->data || !gelf_getrel(rs->data, 0, &rel))
		return fail_inval(b, "section %s has relocations: pointers in data are not supported",
				  s->name);
	ret = get_sym(b, GELF_R_SYM(rel.r_info), &sym);
	if (ret)
		return ret;
	return fail_inval(b, "section %s has a relocation against '%s': pointers in data are not supported",
			  s->name, sym_name(b, &sym));
}

static int read_all_relocs(struct builder *b)
{
	u32 i;
	int ret;

	for (i = 0; i < b->nr_sects; i++) {
		struct sect *rs = &b->sects[i], *s;

		if (rs->shdr.sh_type != SHT_REL && rs->shdr.sh_type != SHT_RELA)
			continue;
		if (rs->shdr.sh_info >= b->nr_sects)
			return fail_inval(b, "relocation section %s applies to no section", rs->name);
		s = &b->sects[rs->shdr.sh_info];
		if (s->relocs && rs->shdr.sh_type == SHT_REL)
			ret = read_relocs(b, rs);
		else if (s->relocs)
			ret = fail_inval(b, "section %s: RELA relocations are not supported", rs->name);
		else if (s->shdr.sh_flags & SHF_ALLOC)
			ret = reject_data_reloc(b, rs);
		else
			ret = 0;	/* debug info, BTF: not part of the image */
		if (ret)
			return ret;
	}
	return 0;
}

static int alloc_relocs(struct builder *b)
{
	u32 i;

	for (i = 0; i < b->nr_sects; i++) {
		struct sect *s = &b->sects[i];
		u64 n = s->shdr.sh_size / INSN_SZ;

		if (s->kind != SK_ENTRY && s->kind != SK_TEXT)
			continue;
		if (s->shdr.sh_type != SHT_PROGBITS || s->shdr.sh_size % INSN_SZ)
			return fail_inval(b, "section %s is not a whole number of instructions", s->name);
		if (n > SIP_IMAGE_MAX_INSNS)
			return fail_inval(b, "section %s has %llu instructions, more than the limit (%u)",
					  s->name, (unsigned long long)n, SIP_IMAGE_MAX_INSNS);
		s->relocs = calloc(n ? n : 1, sizeof(*s->relocs));
		if (!s->relocs)
			return fail_nomem(b);
	}
	return 0;
}

/* ---- private data and manifest ---- */

/* Appends section @s to @v, 8-byte aligned; .bss sections only reserve room. */
static int place_data(struct builder *b, struct sect *s, struct vec *v, u64 *end)
{
	u64 off = ALIGN8(*end);

	if (off + s->shdr.sh_size > SIP_IMAGE_MAX_DATA)
		return fail_inval(b, "private data (section %s) is larger than the limit (%u bytes)",
				  s->name, SIP_IMAGE_MAX_DATA);
	s->region_off = off;
	*end = off + s->shdr.sh_size;
	if (!v)
		return 0;
	if (!vec_grow(v, *end - v->len))
		return fail_nomem(b);
	if (s->shdr.sh_type != SHT_NOBITS && s->shdr.sh_size)
		memcpy(v->p + off, s->data->d_buf, s->shdr.sh_size);
	return 0;
}

/* Writable region: .data sections, then .bss; read-only: .rodata sections. */
static int layout_data(struct builder *b)
{
	static const enum sect_kind order[] = { SK_DATA, SK_BSS, SK_RODATA };
	u64 wend = 0, rend = 0;
	u32 k, i;
	int ret;

	for (k = 0; k < ARRAY_SIZE(order); k++) {
		for (i = 0; i < b->nr_sects; i++) {
			struct sect *s = &b->sects[i];

			if (s->kind != order[k])
				continue;
			if (s->kind == SK_RODATA)
				ret = place_data(b, s, &b->rodata, &rend);
			else
				ret = place_data(b, s, s->kind == SK_DATA ? &b->data : NULL, &wend);
			if (ret)
				return ret;
		}
	}
	if (wend + rend > SIP_IMAGE_MAX_DATA)
		return fail_inval(b, "private data is %llu bytes, more than the limit (%u)",
				  (unsigned long long)(wend + rend), SIP_IMAGE_MAX_DATA);
	b->data_size = wend;
	return 0;
}

static int read_manifest(struct builder *b)
{
	struct sip_diag diag;
	u32 i;

	for (i = 0; i < b->nr_sects; i++) {
		const struct sect *s = &b->sects[i];

		if (s->kind != SK_MANIFEST)
			continue;
		if (s->shdr.sh_type != SHT_PROGBITS || s->shdr.sh_size != sizeof(b->manifest))
			return fail_inval(b, "section .sip.manifest is %llu bytes, expected %zu (built with another sip.h?)",
					  (unsigned long long)s->shdr.sh_size, sizeof(b->manifest));
		memcpy(&b->manifest, s->data->d_buf, sizeof(b->manifest));
		if (sip_manifest_check(&b->manifest, &diag))
			return fail_inval(b, "%s", diag.msg);
		return 0;
	}
	return fail_inval(b, "no .sip.manifest section (declare one with SIP_MANIFEST())");
}

/* ---- line info (.BTF.ext) ---- */

struct btf_ext_hdr {
	u16 magic;
	u8 version;
	u8 flags;
	u32 hdr_len;
	u32 func_info_off;
	u32 func_info_len;
	u32 line_info_off;
	u32 line_info_len;
};

#define BTF_EXT_MAGIC 0xeB9F

static struct sect *sect_by_name(struct builder *b, const char *name)
{
	u32 i;

	for (i = 1; i < b->nr_sects; i++)
		if (!strcmp(b->sects[i].name, name))
			return &b->sects[i];
	return NULL;
}

/* The line records of .BTF.ext's sections @p[0..len), attached to the code sections. */
static int read_line_secs(struct builder *b, const u8 *p, u64 len)
{
	u64 pos = sizeof(u32);
	u32 rec_size;

	if (len < sizeof(u32))
		return fail_inval(b, ".BTF.ext: truncated line info");
	memcpy(&rec_size, p, sizeof(rec_size));
	if (rec_size < sizeof(struct bpf_line_info) || rec_size % 4)
		return fail_inval(b, ".BTF.ext: line record size %u is not supported", rec_size);
	b->line_rec_size = rec_size;
	while (pos < len) {
		u32 hdr[2];	/* sec_name_off, num_info */
		const char *name;
		struct sect *s;

		if (len - pos < sizeof(hdr))
			return fail_inval(b, ".BTF.ext: truncated line info section");
		memcpy(hdr, p + pos, sizeof(hdr));
		pos += sizeof(hdr);
		if ((u64)hdr[1] * rec_size > len - pos)
			return fail_inval(b, ".BTF.ext: line info section extends past its end");
		name = btf__name_by_offset(b->btf, hdr[0]);
		if (!name)
			return fail_inval(b, ".BTF.ext: bad section name offset %u", hdr[0]);
		s = sect_by_name(b, name);
		if (s && (s->kind == SK_ENTRY || s->kind == SK_TEXT)) {
			s->line_recs = p + pos;
			s->nr_line_recs = hdr[1];
		}
		pos += (u64)hdr[1] * rec_size;
	}
	return 0;
}

static int read_btf_ext(struct builder *b, const struct sect *s)
{
	const u8 *p = s->data ? s->data->d_buf : NULL;
	u64 size = s->data ? s->data->d_size : 0, off;
	struct btf_ext_hdr h;

	memset(&h, 0, sizeof(h));
	if (size < 8)
		return fail_inval(b, ".BTF.ext: truncated header");
	memcpy(&h, p, size < sizeof(h) ? size : sizeof(h));
	if (h.magic != BTF_EXT_MAGIC)
		return fail_inval(b, ".BTF.ext: bad magic 0x%x", h.magic);
	if (h.hdr_len < sizeof(h) || h.hdr_len > size)
		return fail_inval(b, ".BTF.ext: bad header length %u", h.hdr_len);
	off = (u64)h.hdr_len + h.line_info_off;
	if (off > size || h.line_info_len > size - off)
		return fail_inval(b, ".BTF.ext: line info (off %u, len %u) is outside the section",
				  h.line_info_off, h.line_info_len);
	if (!h.line_info_len)
		return 0;
	return read_line_secs(b, p + off, h.line_info_len);
}

static int read_btf(struct builder *b)
{
	struct sect *btf = sect_by_name(b, ".BTF"), *ext = sect_by_name(b, ".BTF.ext");

	if (!ext)
		return 0;
	if (!btf || !btf->data || !btf->data->d_size)
		return fail_inval(b, "has .BTF.ext but no .BTF");
	b->btf = btf__new(btf->data->d_buf, btf->data->d_size);
	if (!b->btf)
		return fail_inval(b, ".BTF: cannot parse: %s", strerror(errno));
	return read_btf_ext(b, ext);
}

/* Offset of @s in the strings section, adding it once. */
static int add_string(struct builder *b, const char *s, u32 *off)
{
	size_t n = strlen(s) + 1, pos = 0;
	char *at;

	while (pos < b->strings.len) {
		const char *t = (const char *)b->strings.p + pos;

		if (!strcmp(t, s)) {
			*off = pos;
			return 0;
		}
		pos += strlen(t) + 1;
	}
	*off = b->strings.len;
	at = vec_grow(&b->strings, n);
	if (!at)
		return fail_nomem(b);
	memcpy(at, s, n);
	return 0;
}

static int add_line(struct builder *b, u32 insn, const struct bpf_line_info *rec)
{
	const char *file = btf__name_by_offset(b->btf, rec->file_name_off);
	struct sip_image_line *l;
	const char *base;
	u32 off;
	int ret;

	if (!file)
		return fail_inval(b, ".BTF.ext: bad file name offset %u", rec->file_name_off);
	base = strrchr(file, '/');
	ret = add_string(b, base ? base + 1 : file, &off);
	if (ret)
		return ret;
	l = vec_grow(&b->lines, sizeof(*l));
	if (!l)
		return fail_nomem(b);
	l->insn = insn;
	l->file = off;
	l->line = BPF_LINE_INFO_LINE_NUM(rec->line_col);
	l->col = BPF_LINE_INFO_LINE_COL(rec->line_col);
	return 0;
}

/* The line records of a piece of code, at its place in the image. */
static int copy_lines(struct builder *b, const struct piece *p)
{
	const struct sect *s = &b->sects[p->fn.sect];
	struct bpf_line_info rec;
	u32 i, insn;
	int ret;

	for (i = 0; i < s->nr_line_recs; i++) {
		memcpy(&rec, s->line_recs + (size_t)i * b->line_rec_size, sizeof(rec));
		insn = rec.insn_off / INSN_SZ;
		if (rec.insn_off % INSN_SZ || insn < p->fn.start || insn - p->fn.start >= p->fn.cnt)
			continue;
		ret = add_line(b, p->base + insn - p->fn.start, &rec);
		if (ret)
			return ret;
	}
	return 0;
}

static int cmp_line(const void *a, const void *b)
{
	const struct sip_image_line *x = a, *y = b;

	if (x->insn != y->insn)
		return x->insn < y->insn ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->col < y->col ? -1 : x->col > y->col;
}

/* Sorted by instruction, one record per instruction. */
static void sort_lines(struct builder *b)
{
	struct sip_image_line *l = (struct sip_image_line *)b->lines.p;
	size_t n = b->lines.len / sizeof(*l), i, out = 0;

	if (!n)
		return;
	qsort(l, n, sizeof(*l), cmp_line);
	for (i = 1; i < n; i++)
		if (l[i].insn != l[out].insn)
			l[++out] = l[i];
	b->lines.len = (out + 1) * sizeof(*l);
}

/* ---- code ---- */

static int find_piece(struct builder *b, u32 sect, u32 target, u32 *pi)
{
	u32 i;

	for (i = 0; i < b->nr_pieces; i++) {
		const struct func *fn = &b->pieces[i].fn;

		if (fn->sect == sect && target >= fn->start && target - fn->start < fn->cnt) {
			*pi = i;
			return 0;
		}
	}
	for (i = 0; sect == b->text && i < b->nr_funcs; i++) {
		const struct func *fn = &b->funcs[i];

		if (target >= fn->start && target - fn->start < fn->cnt) {
			b->pieces[b->nr_pieces].fn = *fn;
			*pi = b->nr_pieces++;
			return 0;
		}
	}
	return -ENOENT;
}

/* A local call at insns[at] to instruction @target of section @sect. */
static int add_call(struct builder *b, const struct piece *p, u32 i, u32 sect, s64 target)
{
	struct fixup *f;
	u32 pi;

	if (target < 0 || target >= (s64)(b->sects[sect].shdr.sh_size / INSN_SZ) ||
	    find_piece(b, sect, target, &pi))
		return fail_inval(b, "%s+%u: call to %s+%lld, which is in no function", p->fn.name,
				  i, b->sects[sect].name, (long long)target);
	f = vec_grow(&b->fixups, sizeof(*f));
	if (!f)
		return fail_nomem(b);
	f->at = p->base + i;
	f->sect = sect;
	f->target = target;
	return 0;
}

/* Why a relocation's symbol cannot be used, as a message. */
static int bad_symbol(struct builder *b, const struct piece *p, u32 i, const GElf_Sym *sym)
{
	const struct sect *s = sym_sect(b, sym);
	const char *name = sym_name(b, sym);

	if (!s)
		return fail_inval(b, "%s+%u: '%s' is an extern symbol (not defined in this driver)",
				  p->fn.name, i, name);
	if (!strcmp(s->name, ".maps") || !strcmp(s->name, "maps"))
		return fail_inval(b, "%s+%u: '%s' is a BPF map (section %s): SIPs have no maps, use global variables",
				  p->fn.name, i, name, s->name);
	if (s->kind == SK_ENTRY || s->kind == SK_TEXT)
		return fail_inval(b, "%s+%u: address of function '%s' taken: function pointers are not supported",
				  p->fn.name, i, name);
	return fail_inval(b, "%s+%u: relocation against '%s' in section %s is not supported",
			  p->fn.name, i, name, s->name);
}

static int reloc_lddw(struct builder *b, const struct piece *p, u32 i, const GElf_Sym *sym)
{
	struct sip_insn *insn = insn_at(b, p->base + i);
	const struct sect *s = sym_sect(b, sym);
	s64 off;

	if (!s || (s->kind != SK_DATA && s->kind != SK_BSS && s->kind != SK_RODATA))
		return bad_symbol(b, p, i, sym);
	if (i + 1 >= p->fn.cnt)
		return fail_inval(b, "%s+%u: lddw without its second slot", p->fn.name, i);
	/* clang leaves the addend in the instruction, the symbol's offset in the symbol. */
	off = (s64)sym->st_value + (s64)sip_lddw_imm(insn);
	if (off < 0 || (u64)off > s->shdr.sh_size)
		return fail_inval(b, "%s+%u: lddw of '%s'%+lld is outside section %s (%llu bytes)",
				  p->fn.name, i, sym_name(b, sym), (long long)(off - sym->st_value),
				  s->name, (unsigned long long)s->shdr.sh_size);
	insn[0].src = s->kind == SK_RODATA ? SIP_PSEUDO_RODATA : SIP_PSEUDO_DATA;
	insn[0].imm = s->region_off + off;
	insn[1].imm = 0;
	return 0;
}

static int reloc_call(struct builder *b, const struct piece *p, u32 i, const GElf_Sym *sym)
{
	const struct sip_insn *insn = insn_at(b, p->base + i);
	const struct sect *s = sym_sect(b, sym);

	if (!s || s->kind != SK_TEXT) {
		if (s && s->kind == SK_ENTRY)
			return fail_inval(b, "%s+%u: call to entry point '%s': only functions in .text can be called",
					  p->fn.name, i, sym_name(b, sym));
		return bad_symbol(b, p, i, sym);
	}
	/* As libbpf: the target is the symbol's instruction + imm + 1. */
	return add_call(b, p, i, b->text, (s64)(sym->st_value / INSN_SZ) + insn->imm + 1);
}

static int apply_reloc(struct builder *b, const struct piece *p, u32 i, const struct reloc *r)
{
	const struct sip_insn *insn = insn_at(b, p->base + i);
	GElf_Sym sym;
	int ret;

	ret = get_sym(b, r->sym, &sym);
	if (ret)
		return ret;
	if (r->type == R_BPF_64_64 && insn->code == CODE_LDDW)
		return reloc_lddw(b, p, i, &sym);
	if (r->type == R_BPF_64_32 && insn->code == CODE_CALL && insn->src == SIP_CALL_LOCAL)
		return reloc_call(b, p, i, &sym);
	if (insn->code == CODE_CALL)
		return bad_symbol(b, p, i, &sym);
	return fail_inval(b, "%s+%u: unsupported relocation (type %u) against '%s'", p->fn.name, i,
			  r->type, sym_name(b, &sym));
}

/* Jumps stay inside their function, so copying it whole keeps them right. */
static int check_jump(struct builder *b, const struct piece *p, u32 i)
{
	const struct sip_insn *insn = insn_at(b, p->base + i);
	int op = sip_insn_op(insn);
	s64 target;

	if (op < 0 || !(sip_insn_descs[op].flags & SIP_F_JUMP))
		return 0;
	target = sip_jump_target(insn, i, op);
	if (target < 0 || target >= p->fn.cnt)
		return fail_inval(b, "%s+%u: jump to %+lld leaves the function", p->fn.name, i,
				  (long long)(target - i - 1));
	return 0;
}

static int fix_insn(struct builder *b, const struct piece *p, u32 i)
{
	const struct sect *s = &b->sects[p->fn.sect];
	const struct reloc *r = &s->relocs[p->fn.start + i];
	const struct sip_insn *insn = insn_at(b, p->base + i);

	if (r->set)
		return apply_reloc(b, p, i, r);
	if (insn->code == CODE_CALL && insn->src == SIP_CALL_LOCAL)
		return add_call(b, p, i, p->fn.sect, (s64)(p->fn.start + i) + 1 + insn->imm);
	return check_jump(b, p, i);
}

/* Copies piece @pi to the end of the code and resolves what it refers to. */
static int copy_piece(struct builder *b, u32 pi)
{
	struct piece *p = &b->pieces[pi];
	const struct sect *s = &b->sects[p->fn.sect];
	struct sip_insn *code;
	u32 i;
	int ret;

	if ((u64)nr_insns(b) + p->fn.cnt > SIP_IMAGE_MAX_INSNS)
		return fail_inval(b, "more than %u instructions", SIP_IMAGE_MAX_INSNS);
	p->base = nr_insns(b);
	code = vec_grow(&b->insns, (size_t)p->fn.cnt * INSN_SZ);
	if (!code)
		return fail_nomem(b);
	memcpy(code, (const u8 *)s->data->d_buf + (size_t)p->fn.start * INSN_SZ,
	       (size_t)p->fn.cnt * INSN_SZ);
	for (i = 0; i < p->fn.cnt; i++) {
		ret = fix_insn(b, p, i);
		if (ret)
			return ret;
		if (code[i].code != CODE_LDDW || i + 1 >= p->fn.cnt)
			continue;
		i++;	/* lddw's second slot: nothing to fix, nothing may point at it */
		if (s->relocs[p->fn.start + i].set)
			return fail_inval(b, "%s+%u: relocation of lddw's second slot", p->fn.name, i);
	}
	return copy_lines(b, p);
}

static int apply_fixups(struct builder *b)
{
	const struct fixup *f = (const struct fixup *)b->fixups.p;
	size_t i, n = b->fixups.len / sizeof(*f);
	u32 pi;

	for (i = 0; i < n; i++) {
		const struct piece *p;

		if (find_piece(b, f[i].sect, f[i].target, &pi))
			return fail_inval(b, "internal error: lost call target");
		p = &b->pieces[pi];
		insn_at(b, f[i].at)->imm = (s64)p->base + (f[i].target - p->fn.start) - f[i].at - 1;
	}
	return 0;
}

/* One entry: its function, then every .text function it reaches, in call order. */
static int build_entry(struct builder *b, u32 kind)
{
	struct sip_image_entry *e = &b->entries[b->nr_entries];
	u32 base = nr_insns(b), i;
	int ret;

	b->nr_pieces = 1;
	b->fixups.len = 0;
	ret = entry_func(b, b->entry_sect[kind], &b->pieces[0].fn);
	for (i = 0; !ret && i < b->nr_pieces; i++)
		ret = copy_piece(b, i);
	if (!ret)
		ret = apply_fixups(b);
	if (ret)
		return ret;
	e->kind = kind;
	e->insn_off = base;
	e->insn_cnt = nr_insns(b) - base;
	strcpy(e->name, b->pieces[0].fn.name);
	b->nr_entries++;
	return 0;
}

static int build_entries(struct builder *b)
{
	char list[128];
	u32 kind;
	int ret;

	b->pieces = calloc(b->nr_funcs + 1, sizeof(*b->pieces));
	if (!b->pieces)
		return fail_nomem(b);
	for (kind = 0; kind < SIP_ENTRY__COUNT; kind++) {
		if (!b->entry_sect[kind])
			continue;
		ret = build_entry(b, kind);
		if (ret)
			return ret;
	}
	if (!b->nr_entries)
		return fail_inval(b, "no entry points (functions in sections %s)",
				  entry_section_list(list, sizeof(list)));
	sort_lines(b);
	return 0;
}

/* ---- the image ---- */

static int assemble(struct builder *b, void **image, u32 *size)
{
	struct sip_image_hdr hdr = { .version = SIP_IMAGE_VERSION, .hdr_size = sizeof(hdr) };
	const struct {
		const void *src;
		size_t len;
		struct sip_image_sect *sect;
	} parts[] = {
		{ &b->manifest, sizeof(b->manifest), &hdr.manifest },
		{ b->entries, b->nr_entries * sizeof(b->entries[0]), &hdr.entries },
		{ b->insns.p, b->insns.len, &hdr.insns },
		{ b->data.p, b->data.len, &hdr.data },
		{ b->rodata.p, b->rodata.len, &hdr.rodata },
		{ b->lines.p, b->lines.len, &hdr.lines },
		{ b->strings.p, b->strings.len, &hdr.strings },
	};
	struct sip_image_view view;
	struct sip_diag diag;
	u64 off = sizeof(hdr);
	size_t i;
	u8 *img;

	for (i = 0; i < ARRAY_SIZE(parts); i++) {
		off = ALIGN8(off);
		parts[i].sect->off = off;
		parts[i].sect->size = parts[i].len;
		off += parts[i].len;
	}
	off = ALIGN8(off);
	if (off > SIP_IMAGE_MAX_SIZE)
		return fail_inval(b, "the image would be %llu bytes, more than the limit (%u)",
				  (unsigned long long)off, SIP_IMAGE_MAX_SIZE);
	memcpy(hdr.magic, SIP_IMAGE_MAGIC, sizeof(hdr.magic));
	hdr.total_size = off;
	hdr.data_size = b->data_size;
	img = calloc(1, off);
	if (!img)
		return fail_nomem(b);
	memcpy(img, &hdr, sizeof(hdr));
	for (i = 0; i < ARRAY_SIZE(parts); i++)
		if (parts[i].len)
			memcpy(img + parts[i].sect->off, parts[i].src, parts[i].len);
	/* The kernel's own checks, so that what we hand it is never refused. */
	if (sip_image_parse(img, off, &view, &diag)) {
		free(img);
		return fail_inval(b, "%s", diag.msg);
	}
	*image = img;
	*size = off;
	return 0;
}

static int build(struct builder *b, void **image, u32 *size)
{
	int ret;

	ret = read_sections(b);
	if (!ret)
		ret = read_manifest(b);
	if (!ret)
		ret = alloc_relocs(b);
	if (!ret)
		ret = read_all_relocs(b);
	if (!ret)
		ret = layout_data(b);
	if (!ret)
		ret = collect_text_funcs(b);
	if (!ret)
		ret = read_btf(b);
	if (!ret)
		ret = build_entries(b);
	if (!ret)
		ret = assemble(b, image, size);
	return ret;
}

static void builder_free(struct builder *b)
{
	size_t i;

	for (i = 0; b->sects && i < b->nr_sects; i++)
		free(b->sects[i].relocs);
	free(b->sects);
	free(b->funcs);
	free(b->pieces);
	free(b->fixups.p);
	free(b->insns.p);
	free(b->data.p);
	free(b->rodata.p);
	free(b->lines.p);
	free(b->strings.p);
	btf__free(b->btf);
	if (b->elf)
		elf_end(b->elf);
}

int sip_image_build_mem(const void *elf, size_t elf_size, const char *name, void **image,
			u32 *size, char *err, size_t errlen)
{
	struct builder b = { .name = name, .err = err, .errlen = errlen };
	char *copy;
	int ret;

	if (err && errlen)
		err[0] = '\0';
	if (elf_version(EV_CURRENT) == EV_NONE)
		return fail_inval(&b, "libelf: %s", elf_errmsg(-1));
	/* libelf may convert a memory image in place: give it a private copy. */
	copy = malloc(elf_size ? elf_size : 1);
	if (!copy)
		return fail_nomem(&b);
	memcpy(copy, elf, elf_size);
	b.elf = elf_memory(copy, elf_size);
	if (!b.elf)
		ret = fail_inval(&b, "not an ELF file: %s", elf_errmsg(-1));
	else
		ret = build(&b, image, size);
	builder_free(&b);
	free(copy);
	return ret;
}

static int read_file(const char *path, void **buf, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct vec v = { 0 };
	size_t n;
	int ret = 0;

	*buf = NULL;
	*len = 0;
	if (!f)
		return -errno;
	do {
		u8 *at = vec_grow(&v, 65536);

		if (!at) {
			ret = -ENOMEM;
			break;
		}
		n = fread(at, 1, 65536, f);
		v.len -= 65536 - n;
	} while (n == 65536);
	if (!ret && ferror(f))
		ret = -EIO;
	fclose(f);
	if (ret)
		free(v.p);
	*buf = ret ? NULL : v.p;
	*len = v.len;
	return ret;
}

int sip_image_build(const char *elf_path, void **image, u32 *size, char *err, size_t errlen)
{
	size_t len;
	void *elf;
	int ret;

	ret = read_file(elf_path, &elf, &len);
	if (ret) {
		if (err && errlen)
			snprintf(err, errlen, "%s: %s", elf_path, strerror(-ret));
		return ret;
	}
	ret = sip_image_build_mem(elf, len, elf_path, image, size, err, errlen);
	free(elf);
	return ret;
}
