// SPDX-License-Identifier: GPL-2.0
/*
 * The exchange heap: ownership moves with a transfer and the old owner can
 * no longer touch the block, stale handles are caught, reclaim frees exactly
 * what a dead owner held, quotas hold, and two threads passing blocks leave
 * nothing lost or freed twice. Lent blocks (memory outside the heap) move
 * like the others, and their lender takes them back from any holder.
 */
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "kselftest_harness.h"
#include "xheap.h"

#define CHECK_HEAP(h)							\
	do {								\
		char what_[160];					\
		ASSERT_EQ(0, xheap_check(h, what_, sizeof(what_))) TH_LOG("%s", what_); \
	} while (0)

FIXTURE(heap) {
	struct xheap *h;
	u32 a, b;
};

FIXTURE_SETUP(heap)
{
	struct xheap_quota q = { 0 };

	self->h = xheap_create(4 << 20);
	ASSERT_FALSE(IS_ERR_OR_NULL(self->h)) TH_LOG("error %ld", PTR_ERR(self->h));
	ASSERT_EQ(0, xheap_owner_add(self->h, &q, &self->a));
	ASSERT_EQ(0, xheap_owner_add(self->h, &q, &self->b));
	ASSERT_NE(self->a, self->b);
	ASSERT_NE(XHEAP_KERNEL, self->a);
}

FIXTURE_TEARDOWN(heap)
{
	xheap_destroy(self->h);
}

TEST_F(heap, sizes_and_alignment)
{
	static const u32 sizes[] = { 1, 32, 33, 96, 97, 2016, 2017, 4096, 4097, XHEAP_MAX_BLOCK };
	sip_handle_t hd;
	void *p;
	u32 i, got;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		ASSERT_EQ(0, xheap_alloc(self->h, self->a, sizes[i], &hd, &p)) TH_LOG("size %u", sizes[i]);
		EXPECT_EQ(p, xheap_ptr(self->h, hd, self->a, &got));
		EXPECT_EQ(sizes[i], got);
		EXPECT_EQ(0, (uintptr_t)p % 8);
		if (sizes[i] > 2016)
			EXPECT_EQ(0, (uintptr_t)p % XHEAP_PAGE) TH_LOG("size %u", sizes[i]);
		memset(p, 0xab, sizes[i]);	/* the whole block is usable */
		EXPECT_EQ(hd, xheap_handle_of(self->h, p, self->a));
		CHECK_HEAP(self->h);
	}
	EXPECT_EQ(-EINVAL, xheap_alloc(self->h, self->a, 0, &hd, &p));
	EXPECT_EQ(-EINVAL, xheap_alloc(self->h, self->a, XHEAP_MAX_BLOCK + 1, &hd, &p));
	EXPECT_EQ(-EINVAL, xheap_alloc(self->h, 999, 8, &hd, &p));
}

TEST_F(heap, blocks_come_zeroed)
{
	sip_handle_t hd;
	u8 *p;
	u32 i;

	ASSERT_EQ(0, xheap_alloc(self->h, self->a, 100, &hd, (void **)&p));
	memset(p, 0x5a, 100);
	ASSERT_EQ(0, xheap_free(self->h, self->a, hd));
	ASSERT_EQ(0, xheap_alloc(self->h, self->b, 100, &hd, (void **)&p));
	for (i = 0; i < 100; i++)
		ASSERT_EQ(0, p[i]) TH_LOG("byte %u of a reused block", i);
}

TEST_F(heap, transfer_moves_ownership)
{
	struct xheap_usage ua, ub;
	sip_handle_t hd;
	void *p;

	ASSERT_EQ(0, xheap_alloc(self->h, self->a, 64, &hd, &p));
	ASSERT_EQ(0, xheap_transfer(self->h, hd, self->a, self->b));
	/* The sender can no longer free, resend or reach it. */
	EXPECT_EQ(-EPERM, xheap_free(self->h, self->a, hd));
	EXPECT_EQ(-EPERM, xheap_transfer(self->h, hd, self->a, XHEAP_KERNEL));
	EXPECT_EQ(NULL, xheap_ptr(self->h, hd, self->a, NULL));
	EXPECT_EQ(0, xheap_handle_of(self->h, p, self->a));
	/* The receiver can, and the block did not move. */
	EXPECT_EQ(p, xheap_ptr(self->h, hd, self->b, NULL));
	xheap_usage(self->h, self->a, &ua);
	xheap_usage(self->h, self->b, &ub);
	EXPECT_EQ(0, ua.blocks);
	EXPECT_EQ(1, ua.out);
	EXPECT_EQ(1, ub.blocks);
	EXPECT_EQ(1, ub.in);
	EXPECT_EQ(0, xheap_free(self->h, self->b, hd));
	CHECK_HEAP(self->h);
}

TEST_F(heap, stale_handles)
{
	sip_handle_t old, new;
	void *p, *q;

	ASSERT_EQ(0, xheap_alloc(self->h, self->a, 64, &old, &p));
	ASSERT_EQ(0, xheap_free(self->h, self->a, old));
	EXPECT_EQ(-ENOENT, xheap_free(self->h, self->a, old)) TH_LOG("double free not caught");
	ASSERT_EQ(0, xheap_alloc(self->h, self->a, 64, &new, &q));
	EXPECT_EQ(p, q);		/* same slot reused ... */
	EXPECT_NE(old, new);		/* ... under a new generation */
	EXPECT_EQ(-ENOENT, xheap_free(self->h, self->a, old));
	EXPECT_EQ(NULL, xheap_ptr(self->h, old, self->a, NULL));
	EXPECT_EQ(-ENOENT, xheap_free(self->h, self->a, 0));
	EXPECT_EQ(-ENOENT, xheap_free(self->h, self->a, new + 8));	/* not a block start */
	EXPECT_EQ(0, xheap_free(self->h, self->a, new));
	CHECK_HEAP(self->h);
}

TEST_F(heap, reclaim_frees_exactly_the_dead_owners_blocks)
{
	sip_handle_t ha[10], hb[5];
	struct xheap_usage u;
	struct xheap_stats s;
	void *p;
	int i;

	for (i = 0; i < 10; i++)
		ASSERT_EQ(0, xheap_alloc(self->h, self->a, 100 + i * 700, &ha[i], &p));
	for (i = 0; i < 5; i++)
		ASSERT_EQ(0, xheap_alloc(self->h, self->b, 50, &hb[i], &p));
	ASSERT_EQ(0, xheap_transfer(self->h, ha[0], self->a, self->b));	/* b owns it now */
	EXPECT_EQ(9, xheap_reclaim_all(self->h, self->a));
	xheap_usage(self->h, self->a, &u);
	EXPECT_EQ(0, u.blocks);
	EXPECT_EQ(0, u.bytes);
	for (i = 1; i < 10; i++)
		EXPECT_EQ(-ENOENT, xheap_free(self->h, self->a, ha[i]));
	xheap_usage(self->h, self->b, &u);
	EXPECT_EQ(6, u.blocks);
	for (i = 0; i < 5; i++)
		EXPECT_NE(NULL, xheap_ptr(self->h, hb[i], self->b, NULL));
	EXPECT_NE(NULL, xheap_ptr(self->h, ha[0], self->b, NULL));
	EXPECT_EQ(6, xheap_owner_remove(self->h, self->b));
	xheap_stats(self->h, &s);
	EXPECT_EQ(0, s.blocks);
	EXPECT_EQ(0, s.bytes);
	EXPECT_EQ(s.pages - 1 - 0, s.free_pages + (s.pages - 1 - s.free_pages));
	CHECK_HEAP(self->h);
}

TEST(quotas)
{
	struct xheap *h = xheap_create(1 << 20);
	struct xheap_quota q = { .max_blocks = 3, .max_bytes = 3 * 4096 };
	struct xheap_usage u;
	sip_handle_t hd[4], k;
	u32 id;
	void *p;
	int i;

	ASSERT_FALSE(IS_ERR_OR_NULL(h)) TH_LOG("error %ld", PTR_ERR(h));
	ASSERT_EQ(0, xheap_owner_add(h, &q, &id));
	for (i = 0; i < 3; i++)
		ASSERT_EQ(0, xheap_alloc(h, id, 10, &hd[i], &p));
	EXPECT_EQ(-EDQUOT, xheap_alloc(h, id, 10, &hd[3], &p));
	/* A transfer into a full owner fails and the block stays with the sender. */
	ASSERT_EQ(0, xheap_alloc(h, XHEAP_KERNEL, 10, &k, &p));
	EXPECT_EQ(-EDQUOT, xheap_transfer(h, k, XHEAP_KERNEL, id));
	EXPECT_EQ(p, xheap_ptr(h, k, XHEAP_KERNEL, NULL));
	ASSERT_EQ(0, xheap_free(h, id, hd[0]));
	EXPECT_EQ(0, xheap_transfer(h, k, XHEAP_KERNEL, id));
	xheap_usage(h, id, &u);
	EXPECT_EQ(3, u.blocks);
	EXPECT_EQ(3, u.hw_blocks);
	xheap_reclaim_all(h, id);
	/* Bytes: three pages fit, a fourth does not. */
	for (i = 0; i < 3; i++)
		ASSERT_EQ(0, xheap_alloc(h, id, 4096, &hd[i], &p));
	EXPECT_EQ(-EDQUOT, xheap_alloc(h, id, 1, &hd[3], &p));
	xheap_destroy(h);
}

/* A heap that cannot be says why: the error, not NULL. */
TEST(create_errors)
{
	EXPECT_EQ(ERR_PTR(-EINVAL), xheap_create(0));
	EXPECT_EQ(ERR_PTR(-EINVAL), xheap_create(XHEAP_PAGE)) TH_LOG("page 0 is no block: 2 at least");
	EXPECT_EQ(ERR_PTR(-EINVAL), xheap_create(1u << 30)) TH_LOG("offsets of 1 GiB are lent blocks'");
	EXPECT_EQ(ERR_PTR(-EINVAL), xheap_create(~0u));
}

TEST(heap_full)
{
	struct xheap *h = xheap_create(16 * XHEAP_PAGE);
	sip_handle_t hd;
	int n = 0;
	void *p;

	ASSERT_FALSE(IS_ERR_OR_NULL(h)) TH_LOG("error %ld", PTR_ERR(h));
	while (!xheap_alloc(h, XHEAP_KERNEL, 4096, &hd, &p))
		n++;
	EXPECT_EQ(15, n);	/* page 0 is never handed out */
	EXPECT_EQ(-ENOMEM, xheap_alloc(h, XHEAP_KERNEL, 8, &hd, &p));
	xheap_reclaim_all(h, XHEAP_KERNEL);
	EXPECT_EQ(0, xheap_alloc(h, XHEAP_KERNEL, 15 * 4096, &hd, &p));
	xheap_destroy(h);
}

/* An allocation that found no memory behind the free space gets it once the heap's work ran. */
static int alloc_waiting(struct xheap *h, u32 size, sip_handle_t *hd, void **p)
{
	int ret = xheap_alloc(h, XHEAP_KERNEL, size, hd, p);

	if (ret == -ENOMEM) {
		xheap_flush(h);
		ret = xheap_alloc(h, XHEAP_KERNEL, size, hd, p);
	}
	return ret;
}

#define CHUNK_PG (2u << 20) / XHEAP_PAGE

/*
 * Blocks that filled several 2 MiB chunks, all freed: the memory behind
 * them goes back (chunk 0 and one spare stay), their handles are stale,
 * also once new blocks took the same offsets.
 */
TEST(memory_follows_use)
{
	struct xheap *h = xheap_create(16 << 20);
	sip_handle_t big[6], small[300], hd;
	struct xheap_stats s0, s;
	char what[160];
	u32 i, j;
	u8 *p;

	ASSERT_FALSE(IS_ERR_OR_NULL(h)) TH_LOG("error %ld", PTR_ERR(h));
	xheap_stats(h, &s0);
	EXPECT_EQ(8 * CHUNK_PG, s0.pages);
	EXPECT_EQ(8 * CHUNK_PG - 1, s0.free_pages);
	EXPECT_EQ(2 * CHUNK_PG, s0.backed_pages) TH_LOG("chunk 0 and a spare");
	for (i = 0; i < 6; i++) {
		ASSERT_EQ(0, alloc_waiting(h, XHEAP_MAX_BLOCK, &big[i], (void **)&p)) TH_LOG("block %u", i);
		memset(p, (int)i, XHEAP_MAX_BLOCK);	/* backed: no fault, under ASan either */
		EXPECT_EQ(big[i], xheap_handle_of(h, p, XHEAP_KERNEL));
		for (j = 0; j < 50; j++) {
			ASSERT_EQ(0, alloc_waiting(h, 100 + j * 30, &small[i * 50 + j], (void **)&p));
			memset(p, 0x5a, 100 + j * 30);
		}
	}
	xheap_stats(h, &s);
	EXPECT_LE(5 * CHUNK_PG, s.backed_pages) TH_LOG("6.5 MiB of blocks in %u pages", s.backed_pages);
	ASSERT_EQ(0, xheap_check(h, what, sizeof(what))) TH_LOG("%s", what);
	for (i = 0; i < 6; i++)
		ASSERT_EQ(0, xheap_free(h, XHEAP_KERNEL, big[i]));
	for (i = 0; i < 300; i++)
		ASSERT_EQ(0, xheap_free(h, XHEAP_KERNEL, small[i]));
	xheap_flush(h);
	xheap_stats(h, &s);
	EXPECT_EQ(s0.backed_pages, s.backed_pages);
	EXPECT_LT(s0.free_pages - CHUNK_PG, s.free_pages) TH_LOG("only chunk 0 keeps its slab pages");
	EXPECT_EQ(0, s.blocks);
	ASSERT_EQ(0, xheap_check(h, what, sizeof(what))) TH_LOG("%s", what);
	for (i = 0; i < 6; i++) {
		EXPECT_EQ(-ENOENT, xheap_free(h, XHEAP_KERNEL, big[i])) TH_LOG("block %u", i);
		EXPECT_EQ(NULL, xheap_ptr(h, big[i], XHEAP_KERNEL, NULL));
	}
	for (i = 0; i < 300; i++)
		EXPECT_EQ(-ENOENT, xheap_revoke(h, small[i])) TH_LOG("block %u", i);
	/* The same again: chunks come back at the same offsets, under new generations. */
	for (i = 0; i < 6; i++) {
		ASSERT_EQ(0, alloc_waiting(h, XHEAP_MAX_BLOCK, &hd, (void **)&p));
		for (j = 0; j < 50; j++)
			ASSERT_EQ(0, alloc_waiting(h, 100 + j * 30, &hd, (void **)&p));
	}
	for (i = 0; i < 300; i++) {
		EXPECT_EQ(NULL, xheap_ptr(h, small[i], XHEAP_KERNEL, NULL)) TH_LOG("block %u", i);
		EXPECT_EQ(-ENOENT, xheap_free(h, XHEAP_KERNEL, small[i])) TH_LOG("block %u", i);
	}
	for (i = 0; i < 6; i++)
		EXPECT_EQ(-ENOENT, xheap_free(h, XHEAP_KERNEL, big[i])) TH_LOG("block %u", i);
	ASSERT_EQ(0, xheap_check(h, what, sizeof(what))) TH_LOG("%s", what);
	EXPECT_EQ(306, xheap_reclaim_all(h, XHEAP_KERNEL));
	xheap_flush(h);
	xheap_stats(h, &s);
	EXPECT_EQ(s0.backed_pages, s.backed_pages);
	ASSERT_EQ(0, xheap_check(h, what, sizeof(what))) TH_LOG("%s", what);
	xheap_destroy(h);
}

/* Producer allocates and sends to the consumer through a small mailbox. */
#define STRESS_N 200000
#define BOX 64

struct stress {
	struct xheap *h;
	u32 prod, cons;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	sip_handle_t box[BOX];
	u32 head, tail;
	u64 sent, received, bad;
};

static void *producer(void *arg)
{
	struct stress *s = arg;
	u64 i;

	for (i = 0; i < STRESS_N; i++) {
		sip_handle_t hd;
		u64 *p;

		while (xheap_alloc(s->h, s->prod, 16 + (i % 5000), &hd, (void **)&p))
			sched_yield();
		*p = i;
		pthread_mutex_lock(&s->lock);
		while (s->head - s->tail == BOX)
			pthread_cond_wait(&s->cond, &s->lock);
		if (xheap_transfer(s->h, hd, s->prod, s->cons))
			s->bad++;
		s->box[s->head++ % BOX] = hd;
		s->sent++;
		pthread_cond_broadcast(&s->cond);
		pthread_mutex_unlock(&s->lock);
	}
	return NULL;
}

static void *consumer(void *arg)
{
	struct stress *s = arg;
	u64 i;

	for (i = 0; i < STRESS_N; i++) {
		sip_handle_t hd;
		u64 *p;

		pthread_mutex_lock(&s->lock);
		while (s->head == s->tail)
			pthread_cond_wait(&s->cond, &s->lock);
		hd = s->box[s->tail++ % BOX];
		pthread_cond_broadcast(&s->cond);
		pthread_mutex_unlock(&s->lock);
		p = xheap_ptr(s->h, hd, s->cons, NULL);
		if (!p || *p != i || xheap_free(s->h, s->prod, hd) != -EPERM ||
		    xheap_free(s->h, s->cons, hd))
			s->bad++;
		s->received++;
	}
	return NULL;
}

TEST(two_threads_lose_nothing)
{
	struct stress s = { .lock = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER };
	struct xheap_usage up, uc;
	struct xheap_stats st;
	pthread_t t1, t2;

	s.h = xheap_create(8 << 20);
	ASSERT_FALSE(IS_ERR_OR_NULL(s.h)) TH_LOG("error %ld", PTR_ERR(s.h));
	ASSERT_EQ(0, xheap_owner_add(s.h, NULL, &s.prod));
	ASSERT_EQ(0, xheap_owner_add(s.h, NULL, &s.cons));
	pthread_create(&t1, NULL, producer, &s);
	pthread_create(&t2, NULL, consumer, &s);
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	EXPECT_EQ(0, s.bad);
	EXPECT_EQ(STRESS_N, s.sent);
	EXPECT_EQ(STRESS_N, s.received);
	xheap_usage(s.h, s.prod, &up);
	xheap_usage(s.h, s.cons, &uc);
	EXPECT_EQ(STRESS_N, up.allocs);
	EXPECT_EQ(STRESS_N, up.out);
	EXPECT_EQ(STRESS_N, uc.in);
	EXPECT_EQ(STRESS_N, uc.frees);
	xheap_stats(s.h, &st);
	EXPECT_EQ(0, st.blocks);
	EXPECT_EQ(0, st.bytes);
	TH_LOG("%u blocks passed; producer high water %u blocks / %llu bytes", STRESS_N,
	       up.hw_blocks, up.hw_bytes);
	CHECK_HEAP(s.h);
	xheap_destroy(s.h);
}

static u8 lent_buf[2][8192] __attribute__((aligned(4096)));

TEST_F(heap, lent_blocks_move_and_come_back)
{
	struct xheap_usage u;
	struct xheap_stats st;
	sip_handle_t hd, old, other;
	u32 idx, idx2, size;
	void *p;

	ASSERT_EQ(0, xheap_lent_get(self->h, &idx));
	ASSERT_EQ(0, xheap_lent_get(self->h, &idx2));
	ASSERT_EQ(0, xheap_lend(self->h, idx, lent_buf[0], 4096, XHEAP_KERNEL, XHEAP_KERNEL, &hd));
	EXPECT_TRUE(xheap_is_lent(hd));
	EXPECT_TRUE(xheap_held(self->h, hd, XHEAP_KERNEL));
	EXPECT_EQ((void *)lent_buf[0], xheap_ptr(self->h, hd, XHEAP_KERNEL, &size));
	EXPECT_EQ(4096, size);
	/* The entry is busy. The same memory through another entry is another block. */
	EXPECT_EQ(-EBUSY, xheap_lend(self->h, idx, lent_buf[1], 4096, XHEAP_KERNEL, XHEAP_KERNEL, &other));
	ASSERT_EQ(0, xheap_lend(self->h, idx2, lent_buf[0], 4096, XHEAP_KERNEL, self->b, &other));
	EXPECT_NE(hd, other);
	EXPECT_EQ(other, xheap_handle_of(self->h, lent_buf[0], self->b));
	EXPECT_EQ(hd, xheap_handle_of(self->h, lent_buf[0], XHEAP_KERNEL));
	EXPECT_EQ(self->b, xheap_revoke(self->h, other));
	/* Held by the lender, it costs no one anything. */
	xheap_stats(self->h, &st);
	EXPECT_EQ(0, st.blocks);
	CHECK_HEAP(self->h);

	/* To a SIP: its block like any other, found by address. */
	ASSERT_EQ(0, xheap_transfer_at(self->h, hd, XHEAP_KERNEL, self->a, &p, &size));
	EXPECT_EQ((void *)lent_buf[0], p);
	EXPECT_EQ(hd, xheap_handle_of(self->h, lent_buf[0], self->a));
	EXPECT_EQ(0, xheap_handle_of(self->h, lent_buf[0], self->b));
	EXPECT_EQ(0, xheap_handle_of(self->h, lent_buf[0] + 8, self->a));
	EXPECT_FALSE(xheap_held(self->h, hd, XHEAP_KERNEL));
	xheap_usage(self->h, self->a, &u);
	EXPECT_EQ(1, u.blocks);
	EXPECT_EQ(4096, u.bytes);
	CHECK_HEAP(self->h);

	/* Back to its lender: ended by that step, the entry lends again. */
	ASSERT_EQ(0, xheap_transfer_at(self->h, hd, self->a, XHEAP_KERNEL, &p, &size));
	EXPECT_EQ((void *)lent_buf[0], p);
	EXPECT_EQ(4096, size);
	EXPECT_FALSE(xheap_held(self->h, hd, XHEAP_KERNEL));
	EXPECT_EQ(-ENOENT, xheap_revoke(self->h, hd));
	EXPECT_EQ(-ENOENT, xheap_transfer(self->h, hd, XHEAP_KERNEL, self->a));
	EXPECT_EQ(NULL, xheap_ptr(self->h, hd, XHEAP_KERNEL, NULL));
	CHECK_HEAP(self->h);
	old = hd;
	ASSERT_EQ(0, xheap_lend(self->h, idx, lent_buf[0], 512, XHEAP_KERNEL, XHEAP_KERNEL, &hd));
	EXPECT_NE(old, hd);
	EXPECT_EQ(-ENOENT, xheap_free(self->h, XHEAP_KERNEL, old));
	EXPECT_EQ(0, xheap_free(self->h, XHEAP_KERNEL, hd));
	CHECK_HEAP(self->h);

	/* Taken back from the SIP that holds it. */
	ASSERT_EQ(0, xheap_lend(self->h, idx, lent_buf[0], 4096, XHEAP_KERNEL, XHEAP_KERNEL, &hd));
	ASSERT_EQ(0, xheap_transfer(self->h, hd, XHEAP_KERNEL, self->a));
	EXPECT_EQ(self->a, xheap_revoke(self->h, hd));
	EXPECT_FALSE(xheap_held(self->h, hd, self->a));
	EXPECT_EQ(0, xheap_handle_of(self->h, lent_buf[0], self->a));
	EXPECT_EQ(-ENOENT, xheap_transfer(self->h, hd, self->a, XHEAP_KERNEL));
	xheap_usage(self->h, self->a, &u);
	EXPECT_EQ(0, u.blocks);
	EXPECT_EQ(0, u.bytes);
	CHECK_HEAP(self->h);

	/* A SIP that frees it, and a dead SIP's reclaim, only forget it. */
	ASSERT_EQ(0, xheap_lend(self->h, idx, lent_buf[0], 4096, XHEAP_KERNEL, XHEAP_KERNEL, &hd));
	ASSERT_EQ(0, xheap_transfer(self->h, hd, XHEAP_KERNEL, self->a));
	EXPECT_EQ(0, xheap_free(self->h, self->a, hd));
	EXPECT_EQ(-ENOENT, xheap_revoke(self->h, hd));
	ASSERT_EQ(0, xheap_lend(self->h, idx, lent_buf[0], 4096, XHEAP_KERNEL, XHEAP_KERNEL, &hd));
	ASSERT_EQ(0, xheap_lend(self->h, idx2, lent_buf[1], 4096, XHEAP_KERNEL, XHEAP_KERNEL, &other));
	ASSERT_EQ(0, xheap_transfer(self->h, hd, XHEAP_KERNEL, self->a));
	ASSERT_EQ(0, xheap_transfer(self->h, other, XHEAP_KERNEL, self->a));
	EXPECT_EQ(2, xheap_reclaim_all(self->h, self->a));
	EXPECT_EQ(-ENOENT, xheap_revoke(self->h, hd));
	CHECK_HEAP(self->h);
	memset(lent_buf, 0x5a, sizeof(lent_buf));	/* the memory was never the heap's */

	/*
	 * Lent straight to a SIP (by a lender that must exist); it moves on,
	 * and only the way back to the lender ends it.
	 */
	EXPECT_EQ(-EINVAL, xheap_lend(self->h, idx, lent_buf[0], 4096, XHEAP_KERNEL, XHEAP_MAX_OWNERS, &hd));
	EXPECT_EQ(-EINVAL, xheap_lend(self->h, idx, lent_buf[0], 4096, XHEAP_MAX_OWNERS, self->a, &hd));
	ASSERT_EQ(0, xheap_lend(self->h, idx, lent_buf[0], 4096, XHEAP_KERNEL, self->a, &hd));
	EXPECT_TRUE(xheap_held(self->h, hd, self->a));
	EXPECT_EQ(hd, xheap_handle_of(self->h, lent_buf[0], self->a));
	EXPECT_EQ(-EPERM, xheap_transfer(self->h, hd, XHEAP_KERNEL, self->b));	/* the SIP's now */
	ASSERT_EQ(0, xheap_transfer(self->h, hd, self->a, self->b));
	EXPECT_TRUE(xheap_held(self->h, hd, self->b));
	ASSERT_EQ(0, xheap_transfer(self->h, hd, self->b, XHEAP_KERNEL));
	EXPECT_EQ(-ENOENT, xheap_transfer(self->h, hd, XHEAP_KERNEL, self->a));
	EXPECT_EQ(-ENOENT, xheap_revoke(self->h, hd));
	EXPECT_EQ(0, xheap_handle_of(self->h, lent_buf[0], self->b));
	ASSERT_EQ(0, xheap_lend(self->h, idx, lent_buf[0], 4096, XHEAP_KERNEL, XHEAP_KERNEL, &other));
	EXPECT_NE(hd, other);
	EXPECT_EQ(XHEAP_KERNEL, xheap_revoke(self->h, other));
	CHECK_HEAP(self->h);

	/* Giving the entry back takes its block from the holder. */
	ASSERT_EQ(0, xheap_lend(self->h, idx, lent_buf[0], 4096, XHEAP_KERNEL, XHEAP_KERNEL, &hd));
	ASSERT_EQ(0, xheap_transfer(self->h, hd, XHEAP_KERNEL, self->b));
	xheap_lent_put(self->h, idx);
	xheap_lent_put(self->h, idx2);
	EXPECT_EQ(0, xheap_handle_of(self->h, lent_buf[0], self->b));
	xheap_stats(self->h, &st);
	EXPECT_EQ(0, st.blocks);
	CHECK_HEAP(self->h);
	EXPECT_EQ(-EINVAL, xheap_lend(self->h, XHEAP_MAX_LENT, lent_buf[0], 4096, XHEAP_KERNEL, XHEAP_KERNEL, &hd));
}

/*
 * A lent block going back to its lender becomes no one's: the lender need
 * not be an owner any more (it revokes its lends before its memory goes).
 * Any other new holder must be one.
 */
TEST_F(heap, lent_block_back_to_a_gone_lender)
{
	sip_handle_t hd;
	u32 idx, size;
	void *p;

	ASSERT_EQ(0, xheap_lent_get(self->h, &idx));
	ASSERT_EQ(0, xheap_lend(self->h, idx, lent_buf[0], 4096, self->a, self->b, &hd));
	EXPECT_EQ(0, xheap_owner_remove(self->h, self->a));
	/* Not the lender, and not an owner: refused, the block stays put. */
	EXPECT_EQ(-EINVAL, xheap_transfer(self->h, hd, self->b, XHEAP_MAX_OWNERS - 1));
	EXPECT_TRUE(xheap_held(self->h, hd, self->b));
	/* Back to the lender: the lend ends. */
	ASSERT_EQ(0, xheap_transfer_at(self->h, hd, self->b, self->a, &p, &size));
	EXPECT_EQ((void *)lent_buf[0], p);
	EXPECT_EQ(4096, size);
	EXPECT_FALSE(xheap_held(self->h, hd, self->b));
	EXPECT_FALSE(xheap_held(self->h, hd, self->a));
	EXPECT_EQ(-ENOENT, xheap_revoke(self->h, hd));
	/* The entry lends again. */
	ASSERT_EQ(0, xheap_lend(self->h, idx, lent_buf[0], 4096, XHEAP_KERNEL, self->b, &hd));
	EXPECT_EQ(self->b, xheap_revoke(self->h, hd));
	xheap_lent_put(self->h, idx);
	CHECK_HEAP(self->h);
}

TEST_F(heap, lent_entries_run_out)
{
	static u32 idx[XHEAP_MAX_LENT];
	u32 i, extra;

	for (i = 0; i < XHEAP_MAX_LENT; i++)
		ASSERT_EQ(0, xheap_lent_get(self->h, &idx[i]));
	EXPECT_EQ(-ENOSPC, xheap_lent_get(self->h, &extra));
	for (i = 0; i < XHEAP_MAX_LENT; i++)
		xheap_lent_put(self->h, idx[i]);
	EXPECT_EQ(0, xheap_lent_get(self->h, &extra));
	xheap_lent_put(self->h, extra);
}

/*
 * The lender lends, gives to a SIP and takes back without the lock, while
 * the SIP thread sends back whatever it finds by address (which ends it):
 * every round ends with the block gone, and nothing is counted twice.
 */
struct lend_race {
	struct xheap *h;
	u32 sip, idx;
	volatile int stop;
	u32 returned;
};

static void *lend_race_sip(void *arg)
{
	struct lend_race *r = arg;
	sip_handle_t hd;

	while (!r->stop) {
		hd = xheap_handle_of(r->h, lent_buf[0], r->sip);
		if (hd && !xheap_transfer(r->h, hd, r->sip, XHEAP_KERNEL))
			r->returned++;
	}
	return NULL;
}

TEST(lending_races_the_holder)
{
	struct lend_race r = { 0 };
	struct xheap_stats st;
	struct xheap_usage u;
	u32 i, taken = 0, back = 0;
	sip_handle_t hd;
	pthread_t t;
	int who, ret;

	r.h = xheap_create(1 << 20);
	ASSERT_FALSE(IS_ERR_OR_NULL(r.h)) TH_LOG("error %ld", PTR_ERR(r.h));
	ASSERT_EQ(0, xheap_owner_add(r.h, NULL, &r.sip));
	ASSERT_EQ(0, xheap_lent_get(r.h, &r.idx));
	pthread_create(&t, NULL, lend_race_sip, &r);
	for (i = 0; i < 200000; i++) {
		/* -EBUSY: the SIP's end of the last one is not through yet. */
		while ((ret = xheap_lend(r.h, r.idx, lent_buf[0], 4096, XHEAP_KERNEL, XHEAP_KERNEL,
					 &hd)) == -EBUSY)
			;
		ASSERT_EQ(0, ret);
		ASSERT_EQ(0, xheap_transfer(r.h, hd, XHEAP_KERNEL, r.sip));
		who = xheap_revoke(r.h, hd);
		ASSERT_TRUE(who == (int)r.sip || who == -ENOENT) TH_LOG("round %u: %d", i, who);
		if (who == -ENOENT)
			back++;
		else
			taken++;
	}
	r.stop = 1;
	pthread_join(t, NULL);
	EXPECT_EQ(back, r.returned);
	xheap_usage(r.h, r.sip, &u);
	EXPECT_EQ(0, u.blocks);
	EXPECT_EQ(0, u.bytes);
	xheap_stats(r.h, &st);
	EXPECT_EQ(0, st.blocks);
	TH_LOG("%u taken back from the SIP, %u after it gave them back", taken, back);
	CHECK_HEAP(r.h);
	xheap_lent_put(r.h, r.idx);
	xheap_destroy(r.h);
}

TEST_HARNESS_MAIN
