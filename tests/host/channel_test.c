// SPDX-License-Identifier: GPL-2.0
/*
 * Channels and contracts: a send moves the block to the receiver (or lends
 * memory to it), the
 * contract refuses what its state machine forbids (faulting only the
 * sender), a full ring is back-pressure, a close is seen after the messages
 * queued before it and frees blocks in flight, and two threads ping-ponging
 * blocks lose none.
 */
#include <pthread.h>
#include <sched.h>
#include <string.h>

#include "kselftest_harness.h"
#include "channel.h"

#define CHECK_HEAP(h)							\
	do {								\
		char what_[160];					\
		ASSERT_EQ(0, xheap_check(h, what_, sizeof(what_))) TH_LOG("%s", what_); \
	} while (0)

FIXTURE(chan) {
	struct xheap *h;
	u32 cli, srv;
	struct sip_channel *ch;
	struct sip_endpoint *c, *s;
	int notified[2];
};

static void count_notify(struct sip_endpoint *ep, void *cookie)
{
	int *n = cookie;

	n[sip_endpoint_side(ep)]++;
}

FIXTURE_SETUP(chan)
{
	self->h = xheap_create(1 << 20);
	ASSERT_FALSE(IS_ERR_OR_NULL(self->h)) TH_LOG("error %ld", PTR_ERR(self->h));
	ASSERT_EQ(0, xheap_owner_add(self->h, NULL, &self->cli));
	ASSERT_EQ(0, xheap_owner_add(self->h, NULL, &self->srv));
	self->ch = sip_channel_create(self->h, &sip_contract_ping, 4, self->cli, self->srv);
	ASSERT_FALSE(IS_ERR_OR_NULL(self->ch)) TH_LOG("error %ld", PTR_ERR(self->ch));
	self->c = sip_channel_end(self->ch, SIP_CLIENT);
	self->s = sip_channel_end(self->ch, SIP_SERVER);
	sip_endpoint_set_notify(self->c, count_notify, self->notified);
	sip_endpoint_set_notify(self->s, count_notify, self->notified);
}

FIXTURE_TEARDOWN(chan)
{
	sip_endpoint_close(self->c);
	sip_endpoint_close(self->s);
	xheap_destroy(self->h);
}

TEST_F(chan, send_moves_the_block)
{
	u64 args[3] = { 7, 8, 9 };
	struct sip_chmsg m;
	sip_handle_t b;
	void *p;

	ASSERT_EQ(0, xheap_alloc(self->h, self->cli, 32, &b, &p));
	ASSERT_EQ(0, sip_channel_send(self->c, SIP_PING, args, b, NULL));
	EXPECT_EQ(1, self->notified[SIP_SERVER]);
	/* The sender lost it; the receiver has it, at the same place. */
	EXPECT_EQ(-EPERM, xheap_free(self->h, self->cli, b));
	EXPECT_EQ(p, xheap_ptr(self->h, b, self->srv, NULL));
	ASSERT_EQ(1, sip_channel_recv(self->s, &m));
	EXPECT_EQ(SIP_PING, m.tag);
	EXPECT_EQ(8, m.args[1]);
	EXPECT_EQ(b, m.block);
	/* It goes back with the reply. */
	ASSERT_EQ(0, sip_channel_send(self->s, SIP_ECHO, m.args, m.block, NULL));
	ASSERT_EQ(1, sip_channel_recv(self->c, &m));
	EXPECT_EQ(SIP_ECHO, m.tag);
	EXPECT_EQ(0, xheap_free(self->h, self->cli, m.block));
	EXPECT_EQ(0, sip_channel_recv(self->c, &m));
	CHECK_HEAP(self->h);
}

TEST_F(chan, a_send_lends_memory_to_the_receiver)
{
	static u8 buf[4096] __attribute__((aligned(4096)));
	u64 args[3] = { 1, 2, 3 };
	struct sip_chmsg m;
	sip_handle_t hd, other;
	u32 idx;
	int i;

	ASSERT_EQ(0, xheap_lent_get(self->h, &idx));
	EXPECT_EQ(-EINVAL, sip_channel_lend(self->c, SIP_PING, args, idx, NULL, 64, &hd));
	ASSERT_EQ(0, sip_channel_lend(self->c, SIP_PING, args, idx, buf, 64, &hd));
	EXPECT_EQ(1, self->notified[SIP_SERVER]);
	/* The receiver's from the start; the sender never held it. */
	EXPECT_TRUE(xheap_held(self->h, hd, self->srv));
	EXPECT_EQ(-EPERM, xheap_free(self->h, self->cli, hd));
	ASSERT_EQ(1, sip_channel_recv(self->s, &m));
	EXPECT_EQ(hd, m.block);
	EXPECT_EQ((void *)buf, m.ptr);
	EXPECT_EQ(64, m.size);
	EXPECT_EQ(3, m.args[2]);
	/* Back with the reply: that ends it, the lender's memory again. */
	ASSERT_EQ(0, sip_channel_send(self->s, SIP_ECHO, m.args, m.block, NULL));
	ASSERT_EQ(1, sip_channel_recv(self->c, &m));
	EXPECT_EQ(hd, m.block);
	EXPECT_EQ((void *)buf, m.ptr);
	EXPECT_EQ(64, m.size);
	EXPECT_FALSE(xheap_held(self->h, hd, self->cli));
	EXPECT_EQ(-ENOENT, xheap_revoke(self->h, hd));
	CHECK_HEAP(self->h);
	/* A refused send lends nothing: the entry lends again at once. */
	for (i = 0; i < 4; i++)
		ASSERT_EQ(0, sip_channel_send(self->c, SIP_PING, NULL, 0, NULL));
	EXPECT_EQ(-EAGAIN, sip_channel_lend(self->c, SIP_PING, args, idx, buf, 64, &other));
	ASSERT_EQ(0, xheap_lend(self->h, idx, buf, 64, self->cli, self->cli, &other));
	EXPECT_EQ((int)self->cli, xheap_revoke(self->h, other));
	xheap_lent_put(self->h, idx);
	CHECK_HEAP(self->h);
}

static struct sip_chmsg delivered[4];
static int nr_delivered;

static void keep_delivered(struct sip_endpoint *ep, void *cookie, struct sip_chmsg *msg)
{
	(void)ep, (void)cookie;
	delivered[nr_delivered++ & 3] = *msg;
}

TEST_F(chan, delivery_straight_to_an_idle_end_keeps_the_order)
{
	u64 args[3] = { 5, 6, 7 };
	struct sip_chmsg m;
	sip_handle_t b;
	void *p;

	nr_delivered = 0;
	ASSERT_EQ(0, sip_channel_send(self->c, SIP_PING, NULL, 0, NULL));
	ASSERT_EQ(0, sip_channel_send(self->c, SIP_PING, NULL, 0, NULL));
	ASSERT_EQ(0, sip_channel_send(self->c, SIP_PING, NULL, 0, NULL));
	/* One answer queued before the end delivers. */
	ASSERT_EQ(0, sip_channel_send(self->s, SIP_ECHO, args, 0, NULL));
	sip_endpoint_set_deliver(self->c, keep_delivered, NULL);
	/* Behind a queued one: queued too, and announced. */
	args[0] = 50;
	ASSERT_EQ(0, sip_channel_send(self->s, SIP_ECHO, args, 0, NULL));
	EXPECT_EQ(0, nr_delivered);
	EXPECT_EQ(2, self->notified[SIP_CLIENT]);
	ASSERT_EQ(1, sip_channel_recv(self->c, &m));
	EXPECT_EQ(5, m.args[0]);
	ASSERT_EQ(1, sip_channel_recv(self->c, &m));
	EXPECT_EQ(50, m.args[0]);
	/* Nothing queued: straight over, with its block, never in the ring. */
	ASSERT_EQ(0, xheap_alloc(self->h, self->srv, 16, &b, &p));
	args[0] = 500;
	ASSERT_EQ(0, sip_channel_send(self->s, SIP_ECHO, args, b, NULL));
	EXPECT_EQ(2, self->notified[SIP_CLIENT]);
	ASSERT_EQ(1, nr_delivered);
	EXPECT_EQ(SIP_ECHO, delivered[0].tag);
	EXPECT_EQ(500, delivered[0].args[0]);
	EXPECT_EQ(7, delivered[0].args[2]);
	EXPECT_EQ(b, delivered[0].block);
	EXPECT_EQ(p, delivered[0].ptr);
	EXPECT_EQ(16, delivered[0].size);
	EXPECT_EQ(0, sip_channel_recv(self->c, &m));
	EXPECT_EQ(0, xheap_free(self->h, self->cli, b));	/* the receiver's */
	/* The contract counted it: no reply is left to send. */
	EXPECT_EQ(-EPROTO, sip_channel_send(self->s, SIP_ECHO, args, 0, NULL));
	CHECK_HEAP(self->h);
}

static bool consumer_idle;

static bool claim_if_idle(struct sip_endpoint *ep, void *cookie)
{
	(void)ep, (void)cookie;
	if (!consumer_idle)
		return false;
	consumer_idle = false;
	return true;
}

TEST_F(chan, a_busy_consumer_gets_its_messages_queued)
{
	u64 args[3] = { 1, 0, 0 };
	struct sip_chmsg m;

	nr_delivered = 0;
	sip_endpoint_set_deliver(self->s, keep_delivered, claim_if_idle);
	consumer_idle = false;
	ASSERT_EQ(0, sip_channel_send(self->c, SIP_PING, args, 0, NULL));
	EXPECT_EQ(0, nr_delivered);
	EXPECT_EQ(1, self->notified[SIP_SERVER]);
	/* Idle again, but one is queued: the next queues behind it. */
	consumer_idle = true;
	args[0] = 2;
	ASSERT_EQ(0, sip_channel_send(self->c, SIP_PING, args, 0, NULL));
	EXPECT_EQ(0, nr_delivered);
	EXPECT_TRUE(consumer_idle) TH_LOG("claimed with a message queued");
	ASSERT_EQ(1, sip_channel_recv(self->s, &m));
	EXPECT_EQ(1, m.args[0]);
	ASSERT_EQ(1, sip_channel_recv(self->s, &m));
	EXPECT_EQ(2, m.args[0]);
	/* Nothing queued, consumer idle: claimed, and straight over. */
	args[0] = 3;
	ASSERT_EQ(0, sip_channel_send(self->c, SIP_PING, args, 0, NULL));
	EXPECT_FALSE(consumer_idle);
	ASSERT_EQ(1, nr_delivered);
	EXPECT_EQ(3, delivered[0].args[0]);
	EXPECT_EQ(2, self->notified[SIP_SERVER]);
	EXPECT_EQ(0, sip_channel_recv(self->s, &m));
}

TEST_F(chan, a_block_not_yours_cannot_be_sent)
{
	sip_handle_t b;
	void *p;

	ASSERT_EQ(0, xheap_alloc(self->h, self->srv, 32, &b, &p));
	EXPECT_EQ(-EPERM, sip_channel_send(self->c, SIP_PING, NULL, b, NULL));
	EXPECT_EQ(0, sip_endpoint_pending(self->s));
	EXPECT_EQ(0, xheap_free(self->h, self->srv, b));
}

TEST_F(chan, contract_violations_fault_only_the_sender)
{
	struct sip_endpoint_stats st;
	struct sip_chmsg m;
	const char *why;

	/* The server may not ping, nor reply to nothing, nor send unknown tags. */
	EXPECT_EQ(-EPROTO, sip_channel_send(self->s, SIP_PING, NULL, 0, &why));
	EXPECT_STREQ("only the client sends this message", why);
	EXPECT_EQ(-EPROTO, sip_channel_send(self->s, SIP_ECHO, NULL, 0, &why));
	EXPECT_STREQ("a reply without a request", why);
	EXPECT_EQ(-EPROTO, sip_channel_send(self->s, 99, NULL, 0, &why));
	EXPECT_STREQ("unknown message tag", why);
	EXPECT_EQ(-EPROTO, sip_channel_send(self->s, 0, NULL, 0, &why));
	EXPECT_STREQ("unknown message tag", why);
	EXPECT_EQ(-EPROTO, sip_channel_send(self->c, 0, NULL, 0, &why));
	EXPECT_STREQ("unknown message tag", why);
	EXPECT_EQ(-EPROTO, sip_channel_send(self->c, SIP_ECHO, NULL, 0, &why));
	sip_endpoint_stats(self->s, &st);
	EXPECT_EQ(4, st.violations);
	/* Nothing was queued, and the channel still works both ways. */
	EXPECT_EQ(0, sip_endpoint_pending(self->c));
	EXPECT_EQ(0, sip_channel_send(self->c, SIP_PING, NULL, 0, NULL));
	ASSERT_EQ(1, sip_channel_recv(self->s, &m));
	EXPECT_EQ(0, sip_channel_send(self->s, SIP_ECHO, NULL, 0, NULL));
}

TEST_F(chan, block_contract_states)
{
	struct sip_channel *ch = sip_channel_create(self->h, &sip_contract_block, 2, self->cli,
						    self->srv);
	struct sip_endpoint *c = sip_channel_end(ch, SIP_CLIENT), *s = sip_channel_end(ch, SIP_SERVER);
	sip_handle_t b;
	const char *why;
	void *p;

	/* No request before the driver says hello, no hello twice, no block on it. */
	EXPECT_EQ(-EPROTO, sip_channel_send(c, SIP_BLK_REQ, NULL, 0, &why));
	EXPECT_STREQ("message not allowed in the channel's state", why);
	ASSERT_EQ(0, xheap_alloc(self->h, self->srv, 8, &b, &p));
	EXPECT_EQ(-EPROTO, sip_channel_send(s, SIP_BLK_HELLO, NULL, b, &why));
	EXPECT_STREQ("this message carries no block", why);
	EXPECT_EQ(p, xheap_ptr(self->h, b, self->srv, NULL));	/* still the sender's */
	EXPECT_EQ(0, sip_channel_send(s, SIP_BLK_HELLO, NULL, 0, NULL));
	EXPECT_EQ(-EPROTO, sip_channel_send(s, SIP_BLK_HELLO, NULL, 0, NULL));
	EXPECT_EQ(0, sip_channel_send(c, SIP_BLK_REQ, NULL, 0, NULL));
	EXPECT_EQ(0, sip_channel_send(s, SIP_BLK_DONE, NULL, b, NULL));
	sip_endpoint_close(c);
	sip_endpoint_close(s);
	CHECK_HEAP(self->h);
	EXPECT_EQ(0, xheap_reclaim_all(self->h, self->cli));	/* freed by the close */
}

/*
 * The creator's extra bytes: zeroed, 64 bytes past the channel's start,
 * aligned for any object, usable until the last end closes (ASan checks).
 */
TEST_F(chan, extra_bytes_live_until_both_ends_close)
{
	struct sip_channel *ch = sip_channel_create_extra(self->h, &sip_contract_ping, 4, self->cli,
							  self->srv, 100);
	struct sip_endpoint *c, *s;
	unsigned char *x;
	u32 i;

	ASSERT_NE(NULL, ch);
	x = sip_channel_extra(ch);
	EXPECT_EQ(0, (unsigned long)(x - (unsigned char *)ch) % 64);
	EXPECT_EQ(0, (unsigned long)x % _Alignof(max_align_t));
	for (i = 0; i < 100; i++)
		ASSERT_EQ(0, x[i]);
	memset(x, 0xa5, 100);
	c = sip_channel_end(ch, SIP_CLIENT);
	s = sip_channel_end(ch, SIP_SERVER);
	EXPECT_EQ(0, sip_channel_send(c, SIP_PING, NULL, 0, NULL));
	sip_endpoint_close(c);
	EXPECT_EQ(0xa5, x[99]);	/* the server's end keeps it */
	sip_endpoint_close(s);
	EXPECT_EQ(ERR_PTR(-EINVAL), sip_channel_create_extra(self->h, &sip_contract_ping, 4, self->cli,
							     self->srv, 65537));
}

/* A channel that cannot be says why: the error, not NULL. */
TEST_F(chan, bad_arguments_are_einval)
{
	EXPECT_EQ(ERR_PTR(-EINVAL), sip_channel_create(self->h, &sip_contract_ping, 3, self->cli,
						       self->srv)) TH_LOG("a depth not a power of two");
	EXPECT_EQ(ERR_PTR(-EINVAL), sip_channel_create(self->h, &sip_contract_ping, 0, self->cli,
						       self->srv));
	EXPECT_EQ(ERR_PTR(-EINVAL), sip_channel_create(self->h, NULL, 4, self->cli, self->srv))
		TH_LOG("no contract (an unknown name's)");
}

TEST_F(chan, full_ring_is_back_pressure)
{
	struct sip_endpoint_stats st;
	struct sip_chmsg m;
	sip_handle_t b;
	void *p;
	int i;

	for (i = 0; i < 4; i++)
		ASSERT_EQ(0, sip_channel_send(self->c, SIP_PING, NULL, 0, NULL));
	ASSERT_EQ(0, xheap_alloc(self->h, self->cli, 32, &b, &p));
	EXPECT_EQ(-EAGAIN, sip_channel_send(self->c, SIP_PING, NULL, b, NULL));
	EXPECT_EQ(p, xheap_ptr(self->h, b, self->cli, NULL)) TH_LOG("the block must stay with the sender");
	sip_endpoint_stats(self->c, &st);
	EXPECT_EQ(1, st.full);
	/* Once a request is answered there is room again. */
	ASSERT_EQ(1, sip_channel_recv(self->s, &m));
	ASSERT_EQ(0, sip_channel_send(self->s, SIP_ECHO, NULL, 0, NULL));
	EXPECT_EQ(0, sip_channel_send(self->c, SIP_PING, NULL, b, NULL));
	/* Received: what was taken, not the four that wait. */
	sip_endpoint_stats(self->s, &st);
	EXPECT_EQ(1, st.received);
	ASSERT_EQ(1, sip_channel_recv(self->s, &m));
	sip_endpoint_stats(self->s, &st);
	EXPECT_EQ(2, st.received);
}

TEST_F(chan, close_after_queued_messages)
{
	struct sip_endpoint_stats st;
	u64 args[3] = { 0 };
	struct sip_chmsg m;
	sip_handle_t b;
	struct xheap_stats hs;
	void *p;
	int i;

	for (i = 0; i < 3; i++) {
		args[0] = i;
		ASSERT_EQ(0, sip_channel_send(self->c, SIP_PING, args, 0, NULL));
	}
	/* A reply is in flight to the client when it closes: its block is freed. */
	ASSERT_EQ(1, sip_channel_recv(self->s, &m));
	EXPECT_EQ(0, m.args[0]);
	ASSERT_EQ(0, xheap_alloc(self->h, self->srv, 64, &b, &p));
	ASSERT_EQ(0, sip_channel_send(self->s, SIP_ECHO, NULL, b, NULL));
	sip_endpoint_close(self->c);
	self->c = sip_channel_end(self->ch, SIP_CLIENT);	/* closed; teardown is a no-op */
	xheap_stats(self->h, &hs);
	EXPECT_EQ(0, hs.blocks);
	sip_endpoint_stats(self->c, &st);
	EXPECT_EQ(0, st.received) TH_LOG("the reply freed by the close was not received");
	/* The server still gets what was sent before the close, then the close. */
	for (i = 1; i < 3; i++) {
		ASSERT_EQ(1, sip_channel_recv(self->s, &m));
		EXPECT_EQ(SIP_PING, m.tag);
		EXPECT_EQ(i, m.args[0]);
	}
	ASSERT_EQ(1, sip_channel_recv(self->s, &m));
	EXPECT_EQ(SIP_CHMSG_CLOSED, m.flags);
	EXPECT_EQ(-EPIPE, sip_channel_recv(self->s, &m));
	EXPECT_EQ(-EPIPE, sip_channel_send(self->s, SIP_ECHO, NULL, 0, NULL));
	CHECK_HEAP(self->h);
}

/* Ping-pong between two threads: every block comes back and is freed. */
#define PP_N 100000

struct pingpong {
	struct xheap *h;
	struct sip_endpoint *c, *s;
	u32 cli, srv;
	u64 bad, echoes;
};

static void *server_thread(void *arg)
{
	struct pingpong *pp = arg;
	u64 n = 0;

	while (n < PP_N) {
		struct sip_chmsg m;
		int r = sip_channel_recv(pp->s, &m);

		if (r <= 0) {
			sched_yield();
			continue;
		}
		if (!xheap_ptr(pp->h, m.block, pp->srv, NULL))
			pp->bad++;
		while (sip_channel_send(pp->s, SIP_ECHO, m.args, m.block, NULL) == -EAGAIN)
			sched_yield();
		n++;
	}
	return NULL;
}

static void *client_thread(void *arg)
{
	struct pingpong *pp = arg;
	u64 sent = 0;

	while (pp->echoes < PP_N) {
		struct sip_chmsg m;

		if (sent < PP_N && sent - pp->echoes < 64) {
			u64 args[3] = { sent };
			sip_handle_t b;
			u64 *p;

			if (!xheap_alloc(pp->h, pp->cli, 8 + sent % 3000, &b, (void **)&p)) {
				*p = sent;
				if (!sip_channel_send(pp->c, SIP_PING, args, b, NULL))
					sent++;
				else
					xheap_free(pp->h, pp->cli, b);
			}
		}
		if (sip_channel_recv(pp->c, &m) <= 0) {
			if (sent - pp->echoes == 64)
				sched_yield();
		} else {
			u64 *p = xheap_ptr(pp->h, m.block, pp->cli, NULL);

			if (!p || *p != m.args[0] || xheap_free(pp->h, pp->cli, m.block))
				pp->bad++;
			pp->echoes++;
		}
	}
	return NULL;
}

TEST(two_threads_ping_pong)
{
	struct pingpong pp = { 0 };
	struct sip_endpoint_stats sc, ss;
	struct sip_channel *ch;
	struct xheap_stats hs;
	pthread_t t1, t2;
	char what[160];

	pp.h = xheap_create(8 << 20);
	ASSERT_FALSE(IS_ERR_OR_NULL(pp.h)) TH_LOG("error %ld", PTR_ERR(pp.h));
	ASSERT_EQ(0, xheap_owner_add(pp.h, NULL, &pp.cli));
	ASSERT_EQ(0, xheap_owner_add(pp.h, NULL, &pp.srv));
	ch = sip_channel_create(pp.h, &sip_contract_ping, 64, pp.cli, pp.srv);
	ASSERT_FALSE(IS_ERR_OR_NULL(ch)) TH_LOG("error %ld", PTR_ERR(ch));
	pp.c = sip_channel_end(ch, SIP_CLIENT);
	pp.s = sip_channel_end(ch, SIP_SERVER);
	pthread_create(&t2, NULL, server_thread, &pp);
	pthread_create(&t1, NULL, client_thread, &pp);
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	EXPECT_EQ(0, pp.bad);
	EXPECT_EQ(PP_N, pp.echoes);
	sip_endpoint_stats(pp.c, &sc);
	sip_endpoint_stats(pp.s, &ss);
	EXPECT_EQ(PP_N, sc.sent);
	EXPECT_EQ(PP_N, sc.received);
	EXPECT_EQ(PP_N, ss.sent);
	EXPECT_EQ(0, sc.violations + ss.violations);
	xheap_stats(pp.h, &hs);
	EXPECT_EQ(0, hs.blocks) TH_LOG("blocks lost");
	EXPECT_EQ(0, xheap_check(pp.h, what, sizeof(what))) TH_LOG("%s", what);
	TH_LOG("%d round trips with blocks; %llu sends met a full ring", PP_N, sc.full);
	sip_endpoint_close(pp.c);
	sip_endpoint_close(pp.s);
	xheap_destroy(pp.h);
}

TEST(contract_hashes)
{
	/* The compile-time hash is what the runtime table carries, and they differ. */
	EXPECT_EQ(SIP_CONTRACT_BLOCK_HASH, sip_contract_block.hash);
	EXPECT_EQ(SIP_CONTRACT_PING_HASH, sip_contract_ping.hash);
	EXPECT_NE(sip_contract_block.hash, sip_contract_ping.hash);
	EXPECT_EQ(&sip_contract_block, sip_contract_find("sipdrv.block"));
	EXPECT_EQ(NULL, sip_contract_find("sipdrv.nope"));
}

TEST_HARNESS_MAIN
