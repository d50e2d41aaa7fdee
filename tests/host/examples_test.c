// SPDX-License-Identifier: GPL-2.0
/*
 * The example drivers of example_drivers/ as their users see them, in user
 * space with the interpreter, the test playing the kernel's block shim or
 * ping client: xorblk reads back what was written and a fresh disk reads
 * as its key; crcblk reads back what was written in requests of every
 * size; statsblk serves like a ramdisk and logs its counters and histogram;
 * tlvping answers a block of records with their summary, byte for byte.
 */
#include <string.h>

#include "kselftest_harness.h"
#include "image_build.h"
#include "instance.h"

#define DRIVERS "build/drivers/"

struct image {
	void *buf;
	u32 size;
	struct sip_image_view view;
};

/* Every line the SIP logged, one after another. */
static char logged[8192];
static u32 logged_len;

static void log_line(struct sip_instance *si, const char *text, u32 len)
{
	(void)si;
	if (logged_len + len + 2 < sizeof(logged))
		logged_len += snprintf(logged + logged_len, sizeof(logged) - logged_len, "%.*s\n",
				       (int)len, text);
}

FIXTURE(ex) {
	struct xheap *h;
	struct image img;
	struct sip_instance *si;
	struct sip_endpoint *k;
	struct sip_chmsg hello;
};

/* Starts @path with @params, the test at its channel 0; a block driver's HELLO in self->hello. */
static void start(struct __test_metadata *_metadata, FIXTURE_DATA(ex) *self, const char *path,
		  const char *const *params)
{
	struct sip_instance_opts o = { .engine = &sip_engine_interp, .heap = self->h,
				       .log = log_line, .params = params };
	const struct sip_manifest *m;
	struct sip_channel *ch;
	struct sip_diag diag;
	char msg[256];

	ASSERT_EQ(0, sip_image_build(path, &self->img.buf, &self->img.size, msg, sizeof(msg)))
		TH_LOG("%s", msg);
	ASSERT_EQ(0, sip_image_parse(self->img.buf, self->img.size, &self->img.view, &diag));
	ASSERT_EQ(0, sip_instance_create(&self->img.view, &o, &self->si, msg, sizeof(msg)))
		TH_LOG("%s", msg);
	m = sip_instance_manifest(self->si);
	ch = sip_channel_create(self->h, sip_contract_find(m->chans[0].contract), 64, XHEAP_KERNEL,
				sip_instance_owner(self->si));
	ASSERT_FALSE(IS_ERR_OR_NULL(ch)) TH_LOG("error %ld", PTR_ERR(ch));
	ASSERT_EQ(0, sip_instance_attach(self->si, 0, sip_channel_end(ch, SIP_SERVER)));
	self->k = sip_channel_end(ch, SIP_CLIENT);
	ASSERT_EQ(0, sip_instance_start(self->si)) TH_LOG("%s", logged);
	if (m->dev_class == SIP_CLASS_BLOCK) {
		ASSERT_EQ(1, sip_channel_recv(self->k, &self->hello));
		ASSERT_EQ(SIP_BLK_HELLO, self->hello.tag);
	}
}

FIXTURE_SETUP(ex)
{
	self->h = xheap_create(16 << 20);
	ASSERT_FALSE(IS_ERR_OR_NULL(self->h)) TH_LOG("error %ld", PTR_ERR(self->h));
	self->img.buf = NULL;
	self->si = NULL;
	self->k = NULL;
	logged[0] = 0;
	logged_len = 0;
}

FIXTURE_TEARDOWN(ex)
{
	struct xheap_stats s;

	if (self->si) {
		EXPECT_EQ(SIP_STATE_RUNNING, sip_instance_state(self->si));
		sip_instance_destroy(self->si);
	}
	if (self->k)
		sip_endpoint_close(self->k);
	xheap_reclaim_all(self->h, XHEAP_KERNEL);
	xheap_stats(self->h, &s);
	EXPECT_EQ(0, s.blocks);
	EXPECT_EQ(0, sip_instances_alive());
	free(self->img.buf);
	xheap_destroy(self->h);
}

/*
 * One block request, as the block shim sends it: @op on @len bytes at
 * byte @off, the block holding @buf (a write) or filled into @buf (a read).
 * Returns the DONE's status.
 */
static s64 blk_req(struct __test_metadata *_metadata, FIXTURE_DATA(ex) *self, u32 op, u64 off,
		   u32 len, u8 *buf)
{
	static u32 tag;
	u64 args[3] = { (u64)++tag << 32 | op, off, len };
	struct sip_chmsg m;
	sip_handle_t b = 0;
	u8 *p = NULL;
	s64 status;

	if (len) {
		if (xheap_alloc(self->h, XHEAP_KERNEL, len, &b, (void **)&p))
			return -ENOMEM;
		if (op == SIP_BLK_WRITE)
			memcpy(p, buf, len);
	}
	EXPECT_EQ(0, sip_channel_send(self->k, SIP_BLK_REQ, args, b, NULL));
	EXPECT_EQ(1, sip_channel_recv(self->k, &m));
	EXPECT_EQ(SIP_BLK_DONE, m.tag);
	EXPECT_EQ(args[0], m.args[0]);
	EXPECT_EQ(b, m.block);
	status = (s64)m.args[1];
	p = m.block ? xheap_ptr(self->h, m.block, XHEAP_KERNEL, NULL) : NULL;
	if (p && op == SIP_BLK_READ)
		memcpy(buf, p, len);
	if (m.block)
		EXPECT_EQ(0, xheap_free(self->h, XHEAP_KERNEL, m.block));
	return status;
}

static void fill(u8 *p, u32 len, u32 seed)
{
	u32 i, x = seed * 2654435761u + 1;

	for (i = 0; i < len; i++) {
		x ^= x << 13, x ^= x >> 17, x ^= x << 5;
		p[i] = (u8)x;
	}
}

/*
 * Writes of 512 B to 512 KiB (the largest request the kernel's block shim
 * sends) at scattered offsets, each read back intact.
 */
static void write_read_back(struct __test_metadata *_metadata, FIXTURE_DATA(ex) *self)
{
	static u8 out[512 << 10], in[512 << 10];
	u32 len, round = 0;

	for (len = 512; len <= sizeof(out); len *= 2, round++) {
		u64 off = (u64)(round * 7919 % 1024) * 4096;

		fill(out, len, round);
		ASSERT_EQ(0, blk_req(_metadata, self, SIP_BLK_WRITE, off, len, out)) TH_LOG("%u", len);
		memset(in, 0xee, len);
		ASSERT_EQ(0, blk_req(_metadata, self, SIP_BLK_READ, off, len, in)) TH_LOG("%u", len);
		ASSERT_EQ(0, memcmp(out, in, len)) TH_LOG("%u bytes at %llu", len, off);
	}
	EXPECT_EQ(0, blk_req(_metadata, self, SIP_BLK_FLUSH, 0, 0, NULL));
}

TEST_F(ex, xorblk_reads_back_what_was_written)
{
	static const char *const params[] = { "size_mb=8", "key=0xa7", NULL };
	u8 buf[4096];
	u32 i;

	start(_metadata, self, DRIVERS "xorblk.o", params);
	EXPECT_EQ(8 << 20, self->hello.args[0]);
	/* Nothing written yet: the grant's zeroes XORed with the key. */
	ASSERT_EQ(0, blk_req(_metadata, self, SIP_BLK_READ, 4 << 20, sizeof(buf), buf));
	for (i = 0; i < sizeof(buf) && buf[i] == 0xa7; i++)
		;
	EXPECT_EQ(sizeof(buf), i);
	write_read_back(_metadata, self);
	/* A request past the end of the disk fails, and the driver goes on. */
	EXPECT_EQ(-ERANGE, blk_req(_metadata, self, SIP_BLK_READ, 8 << 20, 512, buf));
}

TEST_F(ex, crcblk_reads_back_what_was_written)
{
	static const char *const params[] = { "size_mb=8", NULL };
	u8 buf[4096];
	u32 i;

	start(_metadata, self, DRIVERS "crcblk.o", params);
	/* A fresh disk's zeroes have right CRCs: they read as zeroes. */
	memset(buf, 0xee, sizeof(buf));
	ASSERT_EQ(0, blk_req(_metadata, self, SIP_BLK_READ, 1 << 20, sizeof(buf), buf));
	for (i = 0; i < sizeof(buf) && !buf[i]; i++)
		;
	EXPECT_EQ(sizeof(buf), i);
	write_read_back(_metadata, self);
	EXPECT_EQ(-EINVAL, blk_req(_metadata, self, SIP_BLK_WRITE, 100, 512, buf));
	sip_instance_destroy(self->si);
	self->si = NULL;
	EXPECT_STREQ("0 sectors refused for a wrong CRC\n", logged);
}

TEST_F(ex, statsblk_logs_its_counters_and_histogram)
{
	static const char *const params[] = { "size_mb=4", "period_s=3600", NULL };
	static u8 buf[64 << 10];

	start(_metadata, self, DRIVERS "statsblk.o", params);
	ASSERT_EQ(0, blk_req(_metadata, self, SIP_BLK_WRITE, 0, 4096, buf));
	ASSERT_EQ(0, blk_req(_metadata, self, SIP_BLK_WRITE, 8192, 4096, buf));
	ASSERT_EQ(0, blk_req(_metadata, self, SIP_BLK_READ, 0, 65536, buf));
	ASSERT_EQ(0, blk_req(_metadata, self, SIP_BLK_READ, 0, 512, buf));
	ASSERT_EQ(0, blk_req(_metadata, self, SIP_BLK_FLUSH, 0, 0, NULL));
	EXPECT_EQ(-ERANGE, blk_req(_metadata, self, SIP_BLK_READ, 4 << 20, 512, buf));
	EXPECT_STREQ("", logged);	/* no period has passed */
	sip_instance_destroy(self->si);
	self->si = NULL;
	EXPECT_STREQ("final: 3 reads, 2 writes, 1 flushes\n"
		     "final: 65 KiB read, 8 KiB written, 1 errors\n"
		     "requests of 512 bytes or more: 2\n"
		     "requests of 4096 bytes or more: 2\n"
		     "requests of 65536 bytes or more: 1\n", logged);
}

/* A period of a second: the summary comes with the first request after it. */
TEST_F(ex, statsblk_logs_a_summary_every_period)
{
	static const char *const params[] = { "size_mb=4", "period_s=1", NULL };
	u8 buf[512];

	start(_metadata, self, DRIVERS "statsblk.o", params);
	ASSERT_EQ(0, blk_req(_metadata, self, SIP_BLK_WRITE, 0, 512, buf));
	EXPECT_STREQ("", logged);
	sip_sleep_ms(1100);
	ASSERT_EQ(0, blk_req(_metadata, self, SIP_BLK_READ, 0, 512, buf));
	EXPECT_STREQ("summary: 1 reads, 1 writes, 0 flushes\n"
		     "summary: 0 KiB read, 0 KiB written, 0 errors\n", logged);
}

struct tlv_summary {
	u32 records, numbers;
	u64 sum;
	u32 text_bytes, text_crc, other, truncated;
};

/* One ping of @len bytes at @in; the echo's arg1 and its block's summary. */
static s64 tlv_ping(struct __test_metadata *_metadata, FIXTURE_DATA(ex) *self, const u8 *in,
		    u32 len, struct tlv_summary *s, u8 *rest)
{
	u64 args[3] = { 77, 0, 0 };
	struct sip_chmsg m;
	sip_handle_t b;
	u8 *p;

	if (xheap_alloc(self->h, XHEAP_KERNEL, len, &b, (void **)&p))
		return -ENOMEM;
	memcpy(p, in, len);
	EXPECT_EQ(0, sip_channel_send(self->k, SIP_PING, args, b, NULL));
	EXPECT_EQ(1, sip_channel_recv(self->k, &m));
	EXPECT_EQ(SIP_ECHO, m.tag);
	EXPECT_EQ(77, m.args[0]);
	EXPECT_EQ(b, m.block);
	p = xheap_ptr(self->h, m.block, XHEAP_KERNEL, NULL);
	if (p && len >= sizeof(*s)) {
		memcpy(s, p, sizeof(*s));
		memcpy(rest, p + sizeof(*s), len - sizeof(*s));
	}
	EXPECT_EQ(0, xheap_free(self->h, XHEAP_KERNEL, m.block));
	return (s64)m.args[1];
}

TEST_F(ex, tlvping_answers_with_a_summary_of_the_records)
{
	static const u8 records[] = {
		1, 2, 0x01, 0x02,			/* number 0x102 */
		2, 5, 'h', 'e', 'l', 'l', 'o',		/* text */
		9, 0,					/* other, empty */
		1, 8, 0, 0, 0, 0, 0, 0, 0x10, 0,	/* number 0x1000 */
		2, 6, ' ', 'w', 'o', 'r', 'l', 'd',	/* text */
		7, 3, 1, 2, 3,				/* other */
		1, 0,					/* number, empty: 0 */
		2, 40, 'x',				/* runs past the end */
	};
	struct tlv_summary s;
	u8 rest[sizeof(records)];

	start(_metadata, self, DRIVERS "tlvping.o", NULL);
	ASSERT_EQ(0, tlv_ping(_metadata, self, records, sizeof(records), &s, rest));
	EXPECT_EQ(7, s.records);
	EXPECT_EQ(3, s.numbers);
	EXPECT_EQ(0x1102, s.sum);
	EXPECT_EQ(11, s.text_bytes);
	EXPECT_EQ(sip_crc32(0, "hello world", 11), s.text_crc);
	EXPECT_EQ(2, s.other);
	EXPECT_EQ(1, s.truncated);
	/* The records after the summary's bytes come back as they went. */
	EXPECT_EQ(0, memcmp(records + sizeof(s), rest, sizeof(records) - sizeof(s)));
	/* A block too small for the summary: walked, answered with -EMSGSIZE. */
	EXPECT_EQ(-EMSGSIZE, tlv_ping(_metadata, self, records, 11, &s, rest));
}

TEST_HARNESS_MAIN
