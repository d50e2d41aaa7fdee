// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for sip_image_parse(): any bytes are either refused with
 * -EINVAL and a message, or parsed into a view whose every pointer and count
 * stays inside the buffer (checked here by reading all of it, and by looking
 * up the line of every instruction). Build: make fuzz; run:
 * build/fuzz/image_parse -max_total_time=60 [CORPUS_DIR]
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "image_parse.h"

/* Reads @size bytes at @p, so that the sanitizer sees any view outside the buffer. */
static u64 touch(const void *p, size_t size)
{
	const u8 *b = p;
	u64 sum = 0;
	size_t i;

	for (i = 0; i < size; i++)
		sum += b[i];
	return sum;
}

static void walk_view(const struct sip_image_view *v)
{
	volatile u64 sum = 0;
	u32 i, line;

	sum += touch(v->manifest, sizeof(*v->manifest));
	sum += touch(v->entries, v->nr_entries * sizeof(*v->entries));
	sum += touch(v->insns, v->nr_insns * sizeof(*v->insns));
	sum += touch(v->data, v->data_len);
	sum += touch(v->rodata, v->rodata_size);
	sum += touch(v->lines, v->nr_lines * sizeof(*v->lines));
	sum += touch(v->strings, v->strings_size);
	for (i = 0; i < v->nr_entries; i++)
		sum += strlen(v->entries[i].name);
	for (i = 0; i <= v->nr_insns; i++) {
		const char *file = sip_image_line_of(v, i, &line);

		if (file)
			sum += strlen(file) + line;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sip_image_view v;
	struct sip_diag diag;
	void *buf;
	int ret;

	if (size > SIP_IMAGE_MAX_SIZE)
		return 0;
	/* An exact-size, 8-byte aligned copy: reads past its end are caught. */
	buf = malloc(size ? size : 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	diag.msg[0] = '\0';
	ret = sip_image_parse(buf, size, &v, &diag);
	if (ret && (ret != -EINVAL || !diag.msg[0]))
		abort();
	if (!ret)
		walk_view(&v);
	free(buf);
	return 0;
}
