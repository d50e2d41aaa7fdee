// SPDX-License-Identifier: GPL-2.0
/*
 * The example drivers of example_drivers/ as their users see them, in user
 * space with the interpreter, the test playing the kernel's block shim or
 * ping client: statsblk serves like a ramdisk and logs its counters and
 * histogram.
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
	ASSERT_NE(NULL, ch);
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
	ASSERT_NE(NULL, self->h);
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

TEST_HARNESS_MAIN
