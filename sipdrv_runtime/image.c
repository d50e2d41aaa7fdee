// SPDX-License-Identifier: GPL-2.0
/*
 * The SIP image parser: checks an image from an untrusted source field by
 * field, in an order where every read is inside the buffer because the
 * fields it depends on were checked first (header, then section bounds, then
 * the contents of each section), and answers source-line queries on it.
 */
#include "platform.h"
#include "image_parse.h"

#define IMG_ALIGN 8

/* The sections of the header, in header order. */
enum img_sect {
	S_MANIFEST,
	S_ENTRIES,
	S_INSNS,
	S_DATA,
	S_RODATA,
	S_LINES,
	S_STRINGS,
	S__COUNT
};

static const struct {
	const char *name;
	u32 hdr_off;		/* of its struct sip_image_sect in the header */
	u32 elem;		/* its size is a multiple of this */
} img_sects[S__COUNT] = {
	[S_MANIFEST] = { "manifest", offsetof(struct sip_image_hdr, manifest), 1 },
	[S_ENTRIES] = { "entries", offsetof(struct sip_image_hdr, entries),
			sizeof(struct sip_image_entry) },
	[S_INSNS] = { "insns", offsetof(struct sip_image_hdr, insns), sizeof(struct sip_insn) },
	[S_DATA] = { "data", offsetof(struct sip_image_hdr, data), 1 },
	[S_RODATA] = { "rodata", offsetof(struct sip_image_hdr, rodata), 1 },
	[S_LINES] = { "lines", offsetof(struct sip_image_hdr, lines),
		      sizeof(struct sip_image_line) },
	[S_STRINGS] = { "strings", offsetof(struct sip_image_hdr, strings), 1 },
};

static const char *const entry_kind_names[SIP_ENTRY__COUNT] = {
#define _SIP_ENTRY_NAME(kind, section) \
	[kind] = section,
	SIP_ENTRY_SECTIONS(_SIP_ENTRY_NAME)
#undef _SIP_ENTRY_NAME
};

const char *sip_entry_kind_name(u32 kind)
{
	return kind < SIP_ENTRY__COUNT ? entry_kind_names[kind] : NULL;
}

static const struct sip_image_sect *hdr_sect(const struct sip_image_hdr *hdr, enum img_sect s)
{
	return (const struct sip_image_sect *)((const u8 *)hdr + img_sects[s].hdr_off);
}

static bool nul_terminated(const char *s, u32 size)
{
	return memchr(s, '\0', size) != NULL;
}

static int check_header(const void *buf, u32 size, struct sip_diag *diag)
{
	const struct sip_image_hdr *hdr = buf;
	u32 i;

	if ((unsigned long)buf % IMG_ALIGN)
		return sip_diag_set(diag, SIP_DIAG_NO_INSN, "image: buffer is not 8-byte aligned");
	if (size < sizeof(*hdr))
		return sip_diag_set(diag, SIP_DIAG_NO_INSN,
				    "image: %u bytes is too small for the header (%u bytes)",
				    size, (u32)sizeof(*hdr));
	if (memcmp(hdr->magic, SIP_IMAGE_MAGIC, sizeof(hdr->magic)))
		return sip_diag_set(diag, SIP_DIAG_NO_INSN, "image: bad magic (not a SIP image)");
	if (hdr->version != SIP_IMAGE_VERSION)
		return sip_diag_set(diag, SIP_DIAG_NO_INSN,
				    "image: version %u is not supported (expected %u)",
				    hdr->version, SIP_IMAGE_VERSION);
	if (hdr->hdr_size != sizeof(*hdr))
		return sip_diag_set(diag, SIP_DIAG_NO_INSN, "image: header size %u, expected %u",
				    hdr->hdr_size, (u32)sizeof(*hdr));
	if (hdr->total_size != size)
		return sip_diag_set(diag, SIP_DIAG_NO_INSN,
				    "image: total_size %u does not match the image's %u bytes",
				    hdr->total_size, size);
	if (size > SIP_IMAGE_MAX_SIZE)
		return sip_diag_set(diag, SIP_DIAG_NO_INSN,
				    "image: %u bytes, more than the limit (%u)", size,
				    SIP_IMAGE_MAX_SIZE);
	if (hdr->flags)
		return sip_diag_set(diag, SIP_DIAG_NO_INSN, "image: flags 0x%x, must be 0",
				    hdr->flags);
	for (i = 0; i < ARRAY_SIZE(hdr->reserved); i++)
		if (hdr->reserved[i])
			return sip_diag_set(diag, SIP_DIAG_NO_INSN,
					    "image: reserved header field %u is 0x%x, must be 0",
					    i, hdr->reserved[i]);
	return 0;
}

static int check_sect_bounds(const struct sip_image_hdr *hdr, enum img_sect s,
			     struct sip_diag *diag)
{
	const struct sip_image_sect *sect = hdr_sect(hdr, s);
	const char *name = img_sects[s].name;

	if (sect->off % IMG_ALIGN)
		return sip_diag_set(diag, SIP_DIAG_NO_INSN,
				    "image: section %s (off %u, size %u) is not 8-byte aligned",
				    name, sect->off, sect->size);
	if (sect->off < hdr->hdr_size)
		return sip_diag_set(diag, SIP_DIAG_NO_INSN,
				    "image: section %s (off %u, size %u) overlaps the header (%u bytes)",
				    name, sect->off, sect->size, hdr->hdr_size);
	if ((u64)sect->off + sect->size > hdr->total_size)
		return sip_diag_set(diag, SIP_DIAG_NO_INSN,
				    "image: section %s (off %u, size %u) extends past the end of the image (%u bytes)",
				    name, sect->off, sect->size, hdr->total_size);
	if (sect->size % img_sects[s].elem)
		return sip_diag_set(diag, SIP_DIAG_NO_INSN,
				    "image: section %s size %u is not a multiple of %u",
				    name, sect->size, img_sects[s].elem);
	return 0;
}

static bool sects_overlap(const struct sip_image_sect *a, const struct sip_image_sect *b)
{
	if (!a->size || !b->size)
		return false;
	return a->off < b->off + b->size && b->off < a->off + a->size;
}

static int check_sections(const struct sip_image_hdr *hdr, struct sip_diag *diag)
{
	u32 i, j;
	int ret;

	for (i = 0; i < S__COUNT; i++) {
		ret = check_sect_bounds(hdr, i, diag);
		if (ret)
			return ret;
	}
	/* Bounds are checked, so off + size cannot wrap below. */
	for (i = 0; i < S__COUNT; i++)
		for (j = i + 1; j < S__COUNT; j++)
			if (sects_overlap(hdr_sect(hdr, i), hdr_sect(hdr, j)))
				return sip_diag_set(diag, SIP_DIAG_NO_INSN,
						    "image: sections %s and %s overlap",
						    img_sects[i].name, img_sects[j].name);
	return 0;
}

static void fill_view(const u8 *buf, struct sip_image_view *v)
{
	const struct sip_image_hdr *hdr = (const void *)buf;

	memset(v, 0, sizeof(*v));
	v->hdr = hdr;
	v->manifest = (const void *)(buf + hdr->manifest.off);
	v->entries = (const void *)(buf + hdr->entries.off);
	v->nr_entries = hdr->entries.size / sizeof(struct sip_image_entry);
	v->insns = (const void *)(buf + hdr->insns.off);
	v->nr_insns = hdr->insns.size / sizeof(struct sip_insn);
	v->data = buf + hdr->data.off;
	v->data_len = hdr->data.size;
	v->data_size = hdr->data_size;
	v->rodata = buf + hdr->rodata.off;
	v->rodata_size = hdr->rodata.size;
	v->lines = (const void *)(buf + hdr->lines.off);
	v->nr_lines = hdr->lines.size / sizeof(struct sip_image_line);
	v->strings = (const char *)buf + hdr->strings.off;
	v->strings_size = hdr->strings.size;
}

static int check_manifest_chans(const struct sip_manifest *m, struct sip_diag *diag)
{
	u32 i;

	for (i = 0; i < m->nr_channels; i++) {
		const struct sip_manifest_chan *c = &m->chans[i];

		if (!nul_terminated(c->name, sizeof(c->name)))
			return sip_diag_set(diag, SIP_DIAG_NO_INSN,
					    "manifest: channel %u: name is not NUL-terminated", i);
		if (!nul_terminated(c->contract, sizeof(c->contract)))
			return sip_diag_set(diag, SIP_DIAG_NO_INSN,
					    "manifest: channel %u: contract name is not NUL-terminated",
					    i);
		if (c->side > 1 || c->reserved)
			return sip_diag_set(diag, SIP_DIAG_NO_INSN,
					    "manifest: channel %u: side %u (must be 0, client, or 1, server), reserved %u",
					    i, c->side, c->reserved);
	}
	for (i = 0; i < m->nr_params; i++)
		if (!nul_terminated(m->params[i].name, sizeof(m->params[i].name)))
			return sip_diag_set(diag, SIP_DIAG_NO_INSN,
					    "manifest: parameter %u: name is not NUL-terminated", i);
	return 0;
}

int sip_manifest_check(const struct sip_manifest *m, struct sip_diag *diag)
{
	u32 i;

	if (m->magic != SIP_MANIFEST_MAGIC)
		return sip_diag_set(diag, SIP_DIAG_NO_INSN, "manifest: bad magic 0x%llx",
				    (unsigned long long)m->magic);
	if (m->version != SIP_MANIFEST_VERSION)
		return sip_diag_set(diag, SIP_DIAG_NO_INSN,
				    "manifest: version %u is not supported (expected %u)",
				    m->version, SIP_MANIFEST_VERSION);
	if (!nul_terminated(m->name, sizeof(m->name)))
		return sip_diag_set(diag, SIP_DIAG_NO_INSN, "manifest: name is not NUL-terminated");
	if (!m->name[0])
		return sip_diag_set(diag, SIP_DIAG_NO_INSN, "manifest: the driver has no name");
	if (m->dev_class >= SIP_CLASS__COUNT)
		return sip_diag_set(diag, SIP_DIAG_NO_INSN, "manifest: unknown device class %u",
				    m->dev_class);
	if (m->nr_channels > SIP_MAX_CHANNELS)
		return sip_diag_set(diag, SIP_DIAG_NO_INSN, "manifest: %u channels, more than %u",
				    m->nr_channels, SIP_MAX_CHANNELS);
	if (m->nr_params > SIP_MAX_PARAMS)
		return sip_diag_set(diag, SIP_DIAG_NO_INSN, "manifest: %u parameters, more than %u",
				    m->nr_params, SIP_MAX_PARAMS);
	if (m->nr_slots > SIP_MAX_SLOTS)
		return sip_diag_set(diag, SIP_DIAG_NO_INSN, "manifest: %u slots, more than %u",
				    m->nr_slots, SIP_MAX_SLOTS);
	for (i = 0; i < ARRAY_SIZE(m->reserved); i++)
		if (m->reserved[i])
			return sip_diag_set(diag, SIP_DIAG_NO_INSN,
					    "manifest: reserved field %u is not zero", i);
	return check_manifest_chans(m, diag);
}

static int check_manifest(const struct sip_image_view *v, struct sip_diag *diag)
{
	u32 size = v->hdr->manifest.size;

	if (size != sizeof(struct sip_manifest))
		return sip_diag_set(diag, SIP_DIAG_NO_INSN,
				    "image: section manifest is %u bytes, expected %u",
				    size, (u32)sizeof(struct sip_manifest));
	return sip_manifest_check(v->manifest, diag);
}

/* One entry on its own: name, kind, reserved field, instruction range. */
static int check_entry(const struct sip_image_view *v, u32 i, struct sip_diag *diag)
{
	const struct sip_image_entry *e = &v->entries[i];

	if (!nul_terminated(e->name, sizeof(e->name)))
		return sip_diag_set(diag, SIP_DIAG_NO_INSN,
				    "image: entry %u: name is not NUL-terminated", i);
	if (!e->name[0])
		return sip_diag_set(diag, SIP_DIAG_NO_INSN, "image: entry %u: empty name", i);
	if (e->kind >= SIP_ENTRY__COUNT)
		return sip_diag_set(diag, SIP_DIAG_NO_INSN, "image: entry %u (%s): unknown kind %u",
				    i, e->name, e->kind);
	if (e->reserved)
		return sip_diag_set(diag, SIP_DIAG_NO_INSN,
				    "image: entry %u (%s): reserved field is 0x%x, must be 0",
				    i, e->name, e->reserved);
	if (!e->insn_cnt)
		return sip_diag_set(diag, SIP_DIAG_NO_INSN, "image: entry %u (%s): no instructions",
				    i, e->name);
	if ((u64)e->insn_off + e->insn_cnt > v->nr_insns)
		return sip_diag_set(diag, SIP_DIAG_NO_INSN,
				    "image: entry %u (%s): instructions %u..%llu are outside insns (%u)",
				    i, e->name, e->insn_off,
				    (unsigned long long)e->insn_off + e->insn_cnt - 1, v->nr_insns);
	return 0;
}

static bool entries_overlap(const struct sip_image_entry *a, const struct sip_image_entry *b)
{
	return a->insn_off < b->insn_off + b->insn_cnt && b->insn_off < a->insn_off + a->insn_cnt;
}

static int check_entries(struct sip_image_view *v, struct sip_diag *diag)
{
	u32 i, j;
	int ret;

	if (!v->nr_entries)
		return sip_diag_set(diag, SIP_DIAG_NO_INSN, "image: no entry points");
	if (v->nr_entries > SIP_ENTRY__COUNT)
		return sip_diag_set(diag, SIP_DIAG_NO_INSN,
				    "image: %u entries, more than one per kind (%u)",
				    v->nr_entries, SIP_ENTRY__COUNT);
	if (v->nr_insns > SIP_IMAGE_MAX_INSNS)
		return sip_diag_set(diag, SIP_DIAG_NO_INSN,
				    "image: %u instructions, more than the limit (%u)",
				    v->nr_insns, SIP_IMAGE_MAX_INSNS);
	for (i = 0; i < v->nr_entries; i++) {
		const struct sip_image_entry *e = &v->entries[i];

		ret = check_entry(v, i, diag);
		if (ret)
			return ret;
		if (v->entry[e->kind])
			return sip_diag_set(diag, SIP_DIAG_NO_INSN,
					    "image: entry %u (%s): a second %s entry (entry %u is one)",
					    i, e->name, entry_kind_names[e->kind],
					    (u32)(v->entry[e->kind] - v->entries));
		v->entry[e->kind] = e;
		for (j = 0; j < i; j++)
			if (entries_overlap(&v->entries[j], e))
				return sip_diag_set(diag, SIP_DIAG_NO_INSN,
						    "image: entries %u and %u share instructions", j, i);
	}
	return 0;
}

static int check_data(const struct sip_image_view *v, struct sip_diag *diag)
{
	if (v->data_len > v->data_size)
		return sip_diag_set(diag, SIP_DIAG_NO_INSN,
				    "image: data (%u bytes) is larger than data_size (%u)",
				    v->data_len, v->data_size);
	if ((u64)v->data_size + v->rodata_size > SIP_IMAGE_MAX_DATA)
		return sip_diag_set(diag, SIP_DIAG_NO_INSN,
				    "image: data_size %u plus rodata %u is more than the limit (%u)",
				    v->data_size, v->rodata_size, SIP_IMAGE_MAX_DATA);
	return 0;
}

/* Strings end with NUL, so any offset inside them starts a terminated string. */
static int check_lines(const struct sip_image_view *v, struct sip_diag *diag)
{
	u32 i;

	if (v->strings_size && v->strings[v->strings_size - 1])
		return sip_diag_set(diag, SIP_DIAG_NO_INSN, "image: strings do not end with NUL");
	for (i = 0; i < v->nr_lines; i++) {
		const struct sip_image_line *l = &v->lines[i];

		if (l->insn >= v->nr_insns)
			return sip_diag_set(diag, SIP_DIAG_NO_INSN,
					    "image: line %u: insn %u is outside insns (%u)",
					    i, l->insn, v->nr_insns);
		if (i && l->insn <= v->lines[i - 1].insn)
			return sip_diag_set(diag, SIP_DIAG_NO_INSN,
					    "image: line %u: insn %u after insn %u, not sorted",
					    i, l->insn, v->lines[i - 1].insn);
		if (l->file >= v->strings_size)
			return sip_diag_set(diag, SIP_DIAG_NO_INSN,
					    "image: line %u: file offset %u is outside strings (%u bytes)",
					    i, l->file, v->strings_size);
	}
	return 0;
}

int sip_image_parse(const void *buf, u32 size, struct sip_image_view *view,
		    struct sip_diag *diag)
{
	struct sip_image_view v;
	int ret;

	ret = check_header(buf, size, diag);
	if (ret)
		return ret;
	ret = check_sections(buf, diag);
	if (ret)
		return ret;
	fill_view(buf, &v);
	ret = check_manifest(&v, diag);
	if (!ret)
		ret = check_entries(&v, diag);
	if (!ret)
		ret = check_data(&v, diag);
	if (!ret)
		ret = check_lines(&v, diag);
	if (ret)
		return ret;
	*view = v;
	return 0;
}

static const struct sip_image_entry *entry_of(const struct sip_image_view *v, u32 insn)
{
	u32 i;

	for (i = 0; i < v->nr_entries; i++)
		if (insn >= v->entries[i].insn_off &&
		    insn - v->entries[i].insn_off < v->entries[i].insn_cnt)
			return &v->entries[i];
	return NULL;
}

const char *sip_image_line_of(const struct sip_image_view *v, u32 insn, u32 *line)
{
	const struct sip_image_entry *e = entry_of(v, insn);
	const struct sip_image_line *l;
	u32 lo = 0, hi = v->nr_lines;

	*line = 0;
	if (!e)
		return NULL;
	/* The first record after @insn: lines[lo - 1] is the nearest before. */
	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;

		if (v->lines[mid].insn <= insn)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return NULL;
	l = &v->lines[lo - 1];
	if (l->insn < e->insn_off)
		return NULL;
	*line = l->line;
	return v->strings + l->file;
}
