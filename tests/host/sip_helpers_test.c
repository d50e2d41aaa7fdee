// SPDX-License-Identifier: GPL-2.0
/*
 * The SDK's helpers as a driver sees them, in user space with the
 * interpreter: each copy and fill moves exactly the bytes it says (the
 * test driver copier.c does them on a ping's block, and the bytes that
 * come back are compared with what memmove would have made); a copy at an
 * offset outside its block fails with -ERANGE and leaves zeroes where it
 * would have read; sip_crc32 gives zlib's crc32() (known vectors, in the
 * runtime's table and through a driver); sip_printk prints what printf
 * would (the test driver printer.c's lines against snprintf's), as one line.
 */
#include <string.h>

#include "kselftest_harness.h"
#include "image_build.h"
#include "instance.h"
#include "printk_fmt.h"

#define TEST_DRIVERS "build/tests/host/drivers/"
#define BLOCK 64

struct image {
	void *buf;
	u32 size;
	struct sip_image_view view;
};

static char logged[256];

static void log_line(struct sip_instance *si, const char *text, u32 len)
{
	(void)si;
	snprintf(logged, sizeof(logged), "%.*s", (int)len, text);
}

FIXTURE(helpers) {
	struct xheap *h;
	struct image img;
	struct sip_instance *si;
	struct sip_endpoint *k;
};

static void start(struct __test_metadata *_metadata, FIXTURE_DATA(helpers) *self,
		  const char *path)
{
	struct sip_instance_opts o = { .engine = &sip_engine_interp, .heap = self->h,
				       .log = log_line };
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
	if (!m->nr_channels) {
		ASSERT_EQ(0, sip_instance_start(self->si)) TH_LOG("%s", logged);
		return;
	}
	ch = sip_channel_create(self->h, sip_contract_find(m->chans[0].contract), 16, XHEAP_KERNEL,
				sip_instance_owner(self->si));
	ASSERT_FALSE(IS_ERR_OR_NULL(ch)) TH_LOG("error %ld", PTR_ERR(ch));
	ASSERT_EQ(0, sip_instance_attach(self->si, 0, sip_channel_end(ch, SIP_SERVER)));
	self->k = sip_channel_end(ch, SIP_CLIENT);
	ASSERT_EQ(0, sip_instance_start(self->si));
}

FIXTURE_SETUP(helpers)
{
	self->h = xheap_create(1 << 20);
	ASSERT_FALSE(IS_ERR_OR_NULL(self->h)) TH_LOG("error %ld", PTR_ERR(self->h));
	self->img.buf = NULL;
	self->si = NULL;
	self->k = NULL;
}

FIXTURE_TEARDOWN(helpers)
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
 * One ping of a block of @size bytes holding @in (or 0, 1, 2, ... when NULL):
 * the echo's arg1 (the helper's result) and its block's bytes in @out.
 */
static int ping_block(struct __test_metadata *_metadata, FIXTURE_DATA(helpers) *self, u64 op,
		      u64 arg, const u8 *in, u32 size, u8 *out, s64 *result)
{
	u64 args[3] = { op, arg, 0 };
	struct sip_chmsg m;
	sip_handle_t b;
	u8 *p;
	u32 i;

	if (xheap_alloc(self->h, XHEAP_KERNEL, size, &b, (void **)&p))
		return -ENOMEM;
	for (i = 0; i < size; i++)
		p[i] = in ? in[i] : (u8)i;
	if (sip_channel_send(self->k, SIP_PING, args, b, NULL))
		return -EIO;
	EXPECT_EQ(1, sip_channel_recv(self->k, &m));
	EXPECT_EQ(SIP_ECHO, m.tag);
	EXPECT_EQ(op, m.args[0]);
	EXPECT_EQ(b, m.block);
	p = xheap_ptr(self->h, m.block, XHEAP_KERNEL, NULL);
	if (!p)
		return -ENOENT;
	memcpy(out, p, size);
	*result = (s64)m.args[1];
	return xheap_free(self->h, XHEAP_KERNEL, m.block);
}

enum { OP_MEMCPY, OP_MEMSET, OP_BLOCK_READ, OP_BLOCK_WRITE, OP_BLOCK_COPY, OP_GRANT, OP_CRC32 };

static void pattern(u8 *p)
{
	int i;

	for (i = 0; i < BLOCK; i++)
		p[i] = (u8)i;
}

TEST_F(helpers, memcpy_moves_bytes_between_and_within_regions)
{
	u8 want[BLOCK], got[BLOCK];
	s64 r;

	start(_metadata, self, TEST_DRIVERS "copier.o");
	ASSERT_EQ(0, ping_block(_metadata, self, OP_MEMCPY, 0, NULL, BLOCK, got, &r));
	pattern(want);
	memmove(want + 32, want, 16);
	memmove(want + 1, want, 8);
	EXPECT_EQ(0, r);
	EXPECT_EQ(0, memcmp(want, got, BLOCK));
}

TEST_F(helpers, memset_fills_with_the_low_byte)
{
	u8 want[BLOCK], got[BLOCK];
	s64 r;

	start(_metadata, self, TEST_DRIVERS "copier.o");
	ASSERT_EQ(0, ping_block(_metadata, self, OP_MEMSET, 0x1a5, NULL, BLOCK, got, &r));
	pattern(want);
	memset(want + 8, 0xa5, 16);
	EXPECT_EQ(0, r);
	EXPECT_EQ(0, memcmp(want, got, BLOCK));
}

TEST_F(helpers, block_read_at_a_checked_offset)
{
	static const u64 offs[] = { 0, 56, 57, 64, 1ull << 40, ~0ull };
	u8 want[BLOCK], got[BLOCK];
	u32 i;
	s64 r;

	start(_metadata, self, TEST_DRIVERS "copier.o");
	for (i = 0; i < ARRAY_SIZE(offs); i++) {
		bool inside = offs[i] <= BLOCK - 8;

		ASSERT_EQ(0, ping_block(_metadata, self, OP_BLOCK_READ, offs[i], NULL, BLOCK, got,
					&r));
		pattern(want);
		if (inside)
			memmove(want, want + offs[i], 8);
		else
			memset(want, 0, 8);	/* written whatever happens: zeroes */
		EXPECT_EQ(inside ? 0 : -ERANGE, r) TH_LOG("offset %llu", offs[i]);
		EXPECT_EQ(0, memcmp(want, got, BLOCK)) TH_LOG("offset %llu", offs[i]);
	}
}

TEST_F(helpers, block_write_and_block_copy_at_checked_offsets)
{
	static const u64 offs[] = { 0, 40, 48, 49, ~0ull - 3 };
	u8 want[BLOCK], got[BLOCK];
	u32 i;
	s64 r;

	start(_metadata, self, TEST_DRIVERS "copier.o");
	for (i = 0; i < ARRAY_SIZE(offs); i++) {
		bool inside = offs[i] <= BLOCK - 16;

		ASSERT_EQ(0, ping_block(_metadata, self, OP_BLOCK_WRITE, offs[i], NULL, BLOCK, got,
					&r));
		pattern(want);
		if (offs[i] <= BLOCK - 8)
			memcpy(want + offs[i], "ABCDEFGH", 8);
		EXPECT_EQ(offs[i] <= BLOCK - 8 ? 0 : -ERANGE, r) TH_LOG("write at %llu", offs[i]);
		EXPECT_EQ(0, memcmp(want, got, BLOCK)) TH_LOG("write at %llu", offs[i]);

		ASSERT_EQ(0, ping_block(_metadata, self, OP_BLOCK_COPY, offs[i], NULL, BLOCK, got,
					&r));
		pattern(want);
		if (inside)
			memmove(want + 48, want + offs[i], 16);
		EXPECT_EQ(inside ? 0 : -ERANGE, r) TH_LOG("copy from %llu", offs[i]);
		EXPECT_EQ(0, memcmp(want, got, BLOCK)) TH_LOG("copy from %llu", offs[i]);
	}
}

TEST_F(helpers, granted_memory_to_and_from_any_memory)
{
	static const u64 offs[] = { 0, 4080, 4081, 1ull << 63 };
	u8 in[BLOCK], want[BLOCK], got[BLOCK];
	u32 i, j;
	s64 r;

	start(_metadata, self, TEST_DRIVERS "copier.o");
	for (i = 0; i < ARRAY_SIZE(offs); i++) {
		bool inside = offs[i] <= 4096 - 16;

		for (j = 0; j < BLOCK; j++)
			in[j] = (u8)(7 * j + i);
		ASSERT_EQ(0, ping_block(_metadata, self, OP_GRANT, offs[i], in, BLOCK, got, &r));
		memcpy(want, in, BLOCK);
		if (inside)
			memcpy(want + 16, in, 16);
		EXPECT_EQ(inside ? 0 : -ERANGE, r) TH_LOG("grant offset %llu", offs[i]);
		EXPECT_EQ(0, memcmp(want, got, BLOCK)) TH_LOG("grant offset %llu", offs[i]);
	}
}

/* A block too small for the driver: it checks the size, the helpers never run. */
TEST_F(helpers, a_short_block_is_refused_by_the_driver)
{
	u8 got[16];
	s64 r;

	start(_metadata, self, TEST_DRIVERS "copier.o");
	ASSERT_EQ(0, ping_block(_metadata, self, OP_MEMCPY, 0, NULL, sizeof(got), got, &r));
	EXPECT_EQ(-EINVAL, r);
}

/* CRC-32 bit by bit, as its definition says: what the table must agree with. */
static u32 crc32_bitwise(u32 crc, const u8 *p, u32 len)
{
	u32 k;

	crc = ~crc;
	while (len--)
		for (crc ^= *p++, k = 0; k < 8; k++)
			crc = crc & 1 ? (crc >> 1) ^ 0xedb88320u : crc >> 1;
	return ~crc;
}

TEST(crc32_of_known_vectors)
{
	static const char fox[] = "The quick brown fox jumps over the lazy dog";
	u8 buf[4096];
	u32 i;

	EXPECT_EQ(0xcbf43926u, sip_crc32(0, "123456789", 9));
	EXPECT_EQ(0x414fa339u, sip_crc32(0, fox, strlen(fox)));
	EXPECT_EQ(0u, sip_crc32(0, "", 0));
	EXPECT_EQ(0xcbf43926u, sip_crc32(sip_crc32(0, "1234", 4), "56789", 5));
	memset(buf, 0, 512);
	EXPECT_EQ(0xb2aa7578u, sip_crc32(0, buf, 512));
	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (u8)(i * 131 + (i >> 8));
	for (i = 0; i <= sizeof(buf); i += 97)
		EXPECT_EQ(crc32_bitwise(0x5a5a5a5a, buf, i), sip_crc32(0x5a5a5a5a, buf, i));
}

/* The driver's init checks the vectors itself: it starts only if all match. */
TEST_F(helpers, crc32_vectors_in_a_driver)
{
	start(_metadata, self, TEST_DRIVERS "crcvec.o");
}

TEST_F(helpers, crc32_of_a_block)
{
	u8 got[BLOCK];
	s64 r;

	start(_metadata, self, TEST_DRIVERS "copier.o");
	ASSERT_EQ(0, ping_block(_metadata, self, OP_CRC32, 0, NULL, BLOCK, got, &r));
	EXPECT_EQ(0x100ece8c, r);
	pattern(got);
	ASSERT_EQ(0, ping_block(_metadata, self, OP_CRC32, 0xcbf43926, got, BLOCK, got, &r));
	EXPECT_EQ(crc32_bitwise(0xcbf43926, got, BLOCK), r);
}

/* A ping without a block: the echo's arg1 (the helper's result). */
static s64 ping_args(struct __test_metadata *_metadata, FIXTURE_DATA(helpers) *self, u64 op,
		     u64 a, u64 b)
{
	u64 args[3] = { op, a, b };
	struct sip_chmsg m;

	EXPECT_EQ(0, sip_channel_send(self->k, SIP_PING, args, 0, NULL));
	EXPECT_EQ(1, sip_channel_recv(self->k, &m));
	EXPECT_EQ(SIP_ECHO, m.tag);
	return (s64)m.args[1];
}

/* printer.c's line @op with @a, @b, as snprintf prints it (the tag is 1, the channel 0). */
static int expected_line(u64 op, u64 a, u64 b, char *out, size_t size)
{
	static const char names[4][6] = { "zero", "one", "two", "three" };
	int n;

	switch (op) {
	case 0:
		n = snprintf(out, size, "plain text\n");
		break;
	case 1:
		n = snprintf(out, size, "n=%llu x=%08x %-6s|%c %%", a, (u32)a, "disk", 'A');
		break;
	case 2:
		n = snprintf(out, size, "%d %i %u %X", (int)a, (int)b, (unsigned int)a, (u32)b);
		break;
	case 3:
		n = snprintf(out, size, "[%5d|%-5d|%05d|%5s]", (int)a, (int)a, (int)a, "ab");
		break;
	case 4:
		n = snprintf(out, size, "%lld %llx %llX %lu", (long long)a, b, b, (unsigned long)a);
		break;
	case 5:
		n = snprintf(out, size, "tag %u is %s on chan %u", SIP_PING, names[a & 3], 0);
		break;
	case 6:
		n = snprintf(out, size, "a\tb\x7f" "c\n\n");
		break;
	case 7:
		n = snprintf(out, size, "%32llu|%-32llx|%032lld", a, b, (long long)a);
		break;
	default:
		n = snprintf(out, size, "%#x|%#llX|%#010x|%-#8x|", (u32)a, b, (u32)b, (u32)a);
		break;
	}
	/* One line: no final newline, no control characters, at most 200 bytes. */
	if (n > 200)
		out[n = 200] = 0;
	if (n && out[n - 1] == '\n')
		out[--n] = 0;
	for (int i = 0; i < n; i++)
		if ((u8)out[i] < 0x20 || out[i] == 0x7f)
			out[i] = '?';
	return n;
}

TEST_F(helpers, printk_prints_what_printf_would)
{
	static const u64 nums[] = { 0, 1, 42, 0xfffffffbull, 0x80000000ull, ~0ull, 1ull << 63,
				    0x123456789abcdefull, (u64)-42 };
	char want[512];
	u32 op, i, j;
	int n;

	start(_metadata, self, TEST_DRIVERS "printer.o");
	for (op = 0; op < 9; op++) {
		for (i = 0; i < ARRAY_SIZE(nums); i++) {
			j = (i * 5 + op) % ARRAY_SIZE(nums);
			logged[0] = 0;
			n = expected_line(op, nums[i], nums[j], want, sizeof(want));
			EXPECT_EQ(n, ping_args(_metadata, self, op, nums[i], nums[j]))
				TH_LOG("line %u, %#llx %#llx", op, nums[i], nums[j]);
			EXPECT_STREQ(want, logged) TH_LOG("line %u, %#llx %#llx", op, nums[i], nums[j]);
		}
	}
}

/* The formats the verifier parses, and what it says of those it refuses. */
TEST(printk_formats)
{
	static const struct {
		const char *fmt;
		int nr;			/* conversions, or -1: refused */
		const char *why;
	} cases[] = {
		{ "", 0, NULL },
		{ "100%% sure", 0, NULL },
		{ "%d%i%u%x", 4, NULL },
		{ "%-033llX", -1, "conversion at byte 0: a width of at most 32" },
		{ "%-032llX|", 1, NULL },
		{ "%lc", -1, "%lc at byte 0: l is for numbers" },
		{ "%#d", -1, "%#d at byte 0: # is for %x and %X" },
		{ "at %p", -1, "%p at byte 3: no pointer's value may leave the SIP" },
		{ "%d %d %d %d %d", -1, "more than 4 conversions" },
		{ "%q", -1, "%q at byte 0 is not a conversion: sip_printk knows" },
		{ "%.3d", -1, "%. at byte 0 is not a conversion" },
		{ "50%", -1, "% at byte 2 is not a conversion" },
		{ "%5%", -1, "%5% at byte 0 is not a conversion" },
	};
	struct sip_pf pf;
	char why[128];
	u32 i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		int ret = sip_pf_parse(cases[i].fmt, strlen(cases[i].fmt) + 1, &pf, why,
				       sizeof(why));

		if (cases[i].nr < 0) {
			EXPECT_EQ(-EINVAL, ret) TH_LOG("\"%s\"", cases[i].fmt);
			EXPECT_NE(NULL, strstr(why, cases[i].why)) TH_LOG("\"%s\": %s", cases[i].fmt, why);
		} else {
			EXPECT_EQ(0, ret) TH_LOG("\"%s\": %s", cases[i].fmt, why);
			EXPECT_EQ(cases[i].nr, (int)pf.nr) TH_LOG("\"%s\"", cases[i].fmt);
		}
	}
	/* Without its NUL within the bytes given: refused. */
	EXPECT_EQ(-EINVAL, sip_pf_parse("abc", 3, &pf, why, sizeof(why)));
	EXPECT_STREQ("no NUL ends it within the read-only data", why);
}

TEST_HARNESS_MAIN
