// SPDX-License-Identifier: GPL-2.0
/*
 * SIP instances in user space, with real drivers compiled by clang: a ping
 * goes through a relay SIP to an echo SIP and back with its block, each
 * receiver running in its sender's context; faults (contract violation,
 * fuel, abort) stop only the faulty SIP and its peers see the close;
 * a dead SIP's blocks come back; the manifest's parameters and contracts
 * are checked at creation, and so is the code; two threads sending to one
 * SIP at once (the SIP idle, run in a sender's call; or busy, the message
 * queued) lose nothing; a chain deeper than the nesting bound and a SIP
 * connected to itself go on in the deferred work; budgets above the
 * ceilings are refused at creation.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"
#include "image_build.h"
#include "instance.h"

struct image {
	void *buf;
	u32 size;
	struct sip_image_view view;
};

static int image_open(struct __test_metadata *_metadata, const char *path, struct image *img)
{
	char err[256];
	struct sip_diag diag;

	if (sip_image_build(path, &img->buf, &img->size, err, sizeof(err))) {
		TH_LOG("%s", err);
		return -1;
	}
	if (sip_image_parse(img->buf, img->size, &img->view, &diag)) {
		TH_LOG("%s", diag.msg);
		return -1;
	}
	return 0;
}

static char logged[1024];
/* A lent block the log callback takes back from its holder (its lender's revoke), or 0. */
static struct xheap *revoke_heap;
static sip_handle_t *revoke_on_log;

static void log_to_buffer(struct sip_instance *si, const char *text, u32 len)
{
	(void)si;
	snprintf(logged, sizeof(logged), "%.*s", (int)len, text);
	if (revoke_on_log)
		xheap_revoke(revoke_heap, *revoke_on_log);
	revoke_on_log = NULL;
}

static struct sip_instance *create(struct __test_metadata *_metadata, struct xheap *h,
				   const char *path, const char *const *params, struct image *img)
{
	struct sip_instance_opts o = {
		.engine = &sip_engine_interp, .heap = h, .params = params, .log = log_to_buffer,
	};
	struct sip_instance *si = NULL;
	char msg[256];
	int ret;

	if (image_open(_metadata, path, img))
		return NULL;
	ret = sip_instance_create(&img->view, &o, &si, msg, sizeof(msg));
	if (ret)
		TH_LOG("%s: %s", path, msg);
	return si;
}

/* A channel whose server end is @si's channel @index; returns the client end (the kernel's). */
static struct sip_endpoint *connect_kernel(struct xheap *h, struct sip_instance *si, u32 index)
{
	const struct sip_manifest *m = sip_instance_manifest(si);
	struct sip_channel *ch = sip_channel_create(h, sip_contract_find(m->chans[index].contract),
						    16, XHEAP_KERNEL, sip_instance_owner(si));

	if (IS_ERR(ch) || sip_instance_attach(si, index, sip_channel_end(ch, SIP_SERVER)))
		return NULL;
	return sip_channel_end(ch, SIP_CLIENT);
}

#define DRIVERS "build/drivers/"
#define TEST_DRIVERS "build/tests/host/drivers/"

#define NR_IMAGES 5

FIXTURE(rt) {
	struct xheap *h;
	struct image img[NR_IMAGES];
};

FIXTURE_SETUP(rt)
{
	self->h = xheap_create(4 << 20);
	ASSERT_FALSE(IS_ERR_OR_NULL(self->h)) TH_LOG("error %ld", PTR_ERR(self->h));
	memset(self->img, 0, sizeof(self->img));
}

FIXTURE_TEARDOWN(rt)
{
	struct xheap_stats s;
	int i;

	/* Every block went back to the kernel (and was freed) or was reclaimed. */
	xheap_reclaim_all(self->h, XHEAP_KERNEL);
	xheap_stats(self->h, &s);
	EXPECT_EQ(0, s.blocks);
	EXPECT_EQ(0, sip_instances_alive());
	for (i = 0; i < NR_IMAGES; i++)
		free(self->img[i].buf);
	xheap_destroy(self->h);
}

static int ping(struct sip_endpoint *k, struct xheap *h, u64 seq, const char *text,
		sip_handle_t *blk)
{
	u64 args[3] = { seq, 0, 0 };
	void *p;

	*blk = 0;
	if (text) {
		if (xheap_alloc(h, XHEAP_KERNEL, 64, blk, &p))
			return -ENOMEM;
		strcpy(p, text);
	}
	return sip_channel_send(k, SIP_PING, args, *blk, NULL);
}

TEST_F(rt, echo_returns_the_block)
{
	struct sip_instance *echo = create(_metadata, self->h, DRIVERS "echo.o", NULL, &self->img[0]);
	struct sip_instance_stats st;
	struct sip_endpoint *k;
	struct sip_chmsg m;
	sip_handle_t b;

	ASSERT_NE(NULL, echo);
	k = connect_kernel(self->h, echo, 0);
	ASSERT_NE(NULL, k);
	ASSERT_EQ(0, sip_instance_start(echo));
	ASSERT_EQ(0, ping(k, self->h, 42, "hello", &b));
	/* The echo ran in our send: the reply is already here, block and all. */
	ASSERT_EQ(1, sip_channel_recv(k, &m));
	EXPECT_EQ(SIP_ECHO, m.tag);
	EXPECT_EQ(42, m.args[0]);
	EXPECT_EQ(b, m.block);
	EXPECT_STREQ("hello", xheap_ptr(self->h, m.block, XHEAP_KERNEL, NULL));
	EXPECT_EQ(0, xheap_free(self->h, XHEAP_KERNEL, m.block));
	sip_instance_stats(echo, &st);
	EXPECT_EQ(1, st.messages);
	EXPECT_EQ(0, st.blocks);
	EXPECT_EQ(SIP_STATE_RUNNING, sip_instance_state(echo));
	sip_instance_destroy(echo);
	sip_endpoint_close(k);
}

/*
 * The reply's block is a new one at the old one's address: the runtime's
 * guess (the message's own handle, now stale) is refused by the transfer,
 * and the block found by address goes instead; the SIP does not fault.
 */
TEST_F(rt, a_new_block_at_the_old_address_is_sent)
{
	struct sip_instance *si = create(_metadata, self->h, TEST_DRIVERS "renew.o", NULL,
					 &self->img[0]);
	struct sip_endpoint *k;
	struct sip_chmsg m;
	sip_handle_t b;
	void *old;
	int i;

	ASSERT_NE(NULL, si);
	k = connect_kernel(self->h, si, 0);
	ASSERT_NE(NULL, k);
	ASSERT_EQ(0, sip_instance_start(si));
	/* Where the ping's block will be: the free list hands out the last freed. */
	ASSERT_EQ(0, xheap_alloc(self->h, XHEAP_KERNEL, 64, &b, &old));
	ASSERT_EQ(0, xheap_free(self->h, XHEAP_KERNEL, b));
	for (i = 0; i < 3; i++) {
		ASSERT_EQ(0, ping(k, self->h, i, "old", &b));
		ASSERT_EQ(1, sip_channel_recv(k, &m)) TH_LOG("round %d", i);
		EXPECT_EQ(SIP_ECHO, m.tag);
		EXPECT_EQ((u64)i, m.args[0]);
		EXPECT_NE(b, m.block);
		EXPECT_EQ(-ENOENT, xheap_free(self->h, XHEAP_KERNEL, b));
		EXPECT_EQ(old, m.ptr);
		EXPECT_EQ(old, xheap_ptr(self->h, m.block, XHEAP_KERNEL, NULL));
		EXPECT_EQ(0x7765696e6572ull, *(u64 *)old);
		EXPECT_EQ(0, xheap_free(self->h, XHEAP_KERNEL, m.block));
	}
	EXPECT_EQ(SIP_STATE_RUNNING, sip_instance_state(si));
	sip_instance_destroy(si);
	sip_endpoint_close(k);
}

/*
 * The lender takes its lent block back while the SIP runs with it (a request
 * that timed out): the SIP's helpers see it gone (its size is 0, sending it
 * fails with -ENOENT), and the SIP keeps running and answers the next one.
 */
TEST_F(rt, a_lent_block_taken_back_during_a_run_is_gone_quietly)
{
	struct sip_instance *si = create(_metadata, self->h, TEST_DRIVERS "takeback.o", NULL,
					 &self->img[0]);
	static char buf[4096];
	struct sip_endpoint *k;
	struct sip_chmsg m;
	sip_handle_t lent;
	u32 idx, round;

	ASSERT_NE(NULL, si);
	k = connect_kernel(self->h, si, 0);
	ASSERT_NE(NULL, k);
	ASSERT_EQ(0, sip_instance_start(si));
	ASSERT_EQ(0, xheap_lent_get(self->h, &idx));
	revoke_heap = self->h;
	for (round = 0; round < 3; round++) {
		u64 args[3] = { round, 0, 0 };
		bool revoke = round == 1;

		/* The driver logs after taking the block: the lender revokes it then. */
		revoke_on_log = revoke ? &lent : NULL;
		ASSERT_EQ(0, sip_channel_lend(k, SIP_PING, args, idx, buf, sizeof(buf), &lent));
		EXPECT_EQ(NULL, revoke_on_log) TH_LOG("round %u: the driver did not log", round);
		ASSERT_EQ(1, sip_channel_recv(k, &m)) TH_LOG("round %u", round);
		EXPECT_EQ(SIP_ECHO, m.tag);
		EXPECT_EQ(round, m.args[0]);
		if (revoke) {
			/* Its size was 0 and the send of it failed: reported without a block. */
			EXPECT_EQ((u64)-ENOENT, m.args[1]);
			EXPECT_EQ(0, m.block);
		} else {
			EXPECT_EQ(sizeof(buf), m.args[1]);
			EXPECT_EQ(lent, m.block);
			EXPECT_EQ((void *)buf, m.ptr);
		}
		EXPECT_EQ(0, sip_channel_recv(k, &m)) TH_LOG("round %u: one answer only", round);
		EXPECT_EQ(SIP_STATE_RUNNING, sip_instance_state(si)) TH_LOG("round %u", round);
	}
	sip_instance_destroy(si);
	sip_endpoint_close(k);
	xheap_lent_put(self->h, idx);
}

/* Two threads ping one echo SIP through one channel; echoes come back by delivery. */
#define PAIR_PINGS 100000

struct pair {
	struct xheap *h;
	struct sip_endpoint *k;
	atomic_uint echoes, bad, busy;
};

static void count_echo(struct sip_endpoint *ep, void *cookie, struct sip_chmsg *m)
{
	struct pair *pr = cookie;

	(void)ep;
	if (m->tag != SIP_ECHO || !m->block || xheap_free(pr->h, XHEAP_KERNEL, m->block))
		atomic_fetch_add(&pr->bad, 1);
	atomic_fetch_add(&pr->echoes, 1);
}

static void queued_echo(struct sip_endpoint *ep, void *cookie)
{
	struct sip_chmsg m;

	if (sip_channel_recv(ep, &m) == 1)
		count_echo(ep, cookie, &m);
}

static void *pinger(void *arg)
{
	struct pair *pr = arg;
	u32 i;

	for (i = 0; i < PAIR_PINGS; i++) {
		u64 args[3] = { i, 0, 0 };
		sip_handle_t b;
		void *p;
		int ret;

		if (xheap_alloc(pr->h, XHEAP_KERNEL, 16, &b, &p)) {
			atomic_fetch_add(&pr->bad, 1);
			break;
		}
		while ((ret = sip_channel_send(pr->k, SIP_PING, args, b, NULL)) == -EAGAIN)
			atomic_fetch_add(&pr->busy, 1);
		if (ret) {
			xheap_free(pr->h, XHEAP_KERNEL, b);
			atomic_fetch_add(&pr->bad, 1);
		}
	}
	return NULL;
}

TEST_F(rt, two_senders_at_once_lose_nothing)
{
	struct sip_instance *echo = create(_metadata, self->h, DRIVERS "echo.o", NULL, &self->img[0]);
	struct sip_instance_stats st;
	struct pair pr = { .h = self->h };
	pthread_t t[2];
	int i;

	ASSERT_NE(NULL, echo);
	pr.k = connect_kernel(self->h, echo, 0);
	ASSERT_NE(NULL, pr.k);
	sip_endpoint_set_notify(pr.k, queued_echo, &pr);
	sip_endpoint_set_deliver(pr.k, count_echo, NULL);
	ASSERT_EQ(0, sip_instance_start(echo));
	for (i = 0; i < 2; i++)
		ASSERT_EQ(0, pthread_create(&t[i], NULL, pinger, &pr));
	for (i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	EXPECT_EQ(0, atomic_load(&pr.bad));
	EXPECT_EQ(2 * PAIR_PINGS, atomic_load(&pr.echoes));
	sip_instance_stats(echo, &st);
	EXPECT_EQ(2 * PAIR_PINGS, st.messages);
	EXPECT_EQ(0, st.blocks);
	EXPECT_EQ(SIP_STATE_RUNNING, sip_instance_state(echo));
	TH_LOG("%u sends found the ring full", atomic_load(&pr.busy));
	sip_instance_destroy(echo);
	sip_endpoint_close(pr.k);
}

TEST_F(rt, relay_through_two_sips)
{
	struct sip_instance *echo = create(_metadata, self->h, DRIVERS "echo.o", NULL, &self->img[0]);
	struct sip_instance *relay = create(_metadata, self->h, DRIVERS "ping.o", NULL, &self->img[1]);
	struct sip_instance_stats se, sr;
	struct sip_channel *ch;
	struct sip_endpoint *k;
	u64 i, ok = 0;

	ASSERT_NE(NULL, echo);
	ASSERT_NE(NULL, relay);
	/* relay "out" (client) <-> echo "ping" (server); kernel <-> relay "in". */
	ch = sip_channel_create(self->h, &sip_contract_ping, 16, sip_instance_owner(relay),
				sip_instance_owner(echo));
	ASSERT_FALSE(IS_ERR_OR_NULL(ch)) TH_LOG("error %ld", PTR_ERR(ch));
	ASSERT_EQ(0, sip_instance_attach(relay, 1, sip_channel_end(ch, SIP_CLIENT)));
	ASSERT_EQ(0, sip_instance_attach(echo, 0, sip_channel_end(ch, SIP_SERVER)));
	k = connect_kernel(self->h, relay, 0);
	ASSERT_NE(NULL, k);
	ASSERT_EQ(0, sip_instance_start(echo));
	ASSERT_EQ(0, sip_instance_start(relay));
	for (i = 0; i < 1000; i++) {
		struct sip_chmsg m;
		char text[32];
		sip_handle_t b;

		snprintf(text, sizeof(text), "ping %llu", i);
		ASSERT_EQ(0, ping(k, self->h, i, i % 2 ? text : NULL, &b));
		ASSERT_EQ(1, sip_channel_recv(k, &m));
		ok += m.tag == SIP_ECHO && m.args[0] == i && m.args[1] == 0 && m.block == b &&
		      (!b || !strcmp(xheap_ptr(self->h, b, XHEAP_KERNEL, NULL), text));
		if (m.block)
			xheap_free(self->h, XHEAP_KERNEL, m.block);
	}
	EXPECT_EQ(1000, ok);
	sip_instance_stats(echo, &se);
	sip_instance_stats(relay, &sr);
	EXPECT_EQ(1000, se.messages);
	EXPECT_EQ(2000, sr.messages);	/* each ping, then each echo */
	EXPECT_EQ(0, se.blocks + sr.blocks);
	sip_instance_destroy(relay);
	sip_instance_destroy(echo);
	sip_endpoint_close(k);
}

/* A SIP that breaks its contract is stopped; its peer sees the close. */
TEST_F(rt, contract_violation_stops_only_the_sender)
{
	struct sip_instance *bad = create(_metadata, self->h, TEST_DRIVERS "violator.o", NULL,
					  &self->img[0]);
	struct sip_instance *echo = create(_metadata, self->h, DRIVERS "echo.o", NULL, &self->img[1]);
	struct sip_endpoint *kb, *ke;
	struct sip_chmsg m;
	const char *what;
	sip_handle_t b;

	ASSERT_NE(NULL, bad);
	ASSERT_NE(NULL, echo);
	kb = connect_kernel(self->h, bad, 0);
	ke = connect_kernel(self->h, echo, 0);
	ASSERT_EQ(0, sip_instance_start(bad));
	ASSERT_EQ(0, sip_instance_start(echo));
	ASSERT_EQ(0, ping(kb, self->h, 1, "data", &b));
	EXPECT_EQ(SIP_STATE_FAULTED, sip_instance_state(bad));
	EXPECT_EQ(SIP_REASON_CONTRACT, sip_instance_fault(bad, &what));
	EXPECT_STREQ("contract sipdrv.ping, channel 0, tag 2: a reply without a request", what);
	/* The one legal reply arrived, then the close. */
	ASSERT_EQ(1, sip_channel_recv(kb, &m));
	EXPECT_EQ(SIP_ECHO, m.tag);
	ASSERT_EQ(1, sip_channel_recv(kb, &m));
	EXPECT_EQ(SIP_CHMSG_CLOSED, m.flags);
	EXPECT_EQ(-EPIPE, sip_channel_send(kb, SIP_PING, NULL, 0, NULL));
	/* The other SIP is untouched. */
	ASSERT_EQ(0, ping(ke, self->h, 2, NULL, &b));
	ASSERT_EQ(1, sip_channel_recv(ke, &m));
	EXPECT_EQ(2, m.args[0]);
	EXPECT_EQ(SIP_STATE_RUNNING, sip_instance_state(echo));
	sip_instance_destroy(bad);
	sip_instance_destroy(echo);
	sip_endpoint_close(kb);
	sip_endpoint_close(ke);
}

/* One ping to @driver, which never finishes it: fuel stops it, saying @why. */
static void runs_out_of_fuel(struct __test_metadata *_metadata, FIXTURE_DATA(rt) *self,
			     const char *driver, const char *why)
{
	struct sip_instance *si = create(_metadata, self->h, driver, NULL, &self->img[0]);
	struct sip_endpoint *k;
	struct sip_chmsg m;
	const char *what;
	sip_handle_t b;

	ASSERT_NE(NULL, si);
	k = connect_kernel(self->h, si, 0);
	ASSERT_EQ(0, sip_instance_start(si));
	ASSERT_EQ(0, ping(k, self->h, 1, "x", &b));	/* returns: the loop was stopped */
	EXPECT_EQ(SIP_REASON_FUEL, sip_instance_fault(si, &what));
	EXPECT_STREQ(why, what);
	ASSERT_EQ(1, sip_channel_recv(k, &m));
	EXPECT_EQ(SIP_CHMSG_CLOSED, m.flags);
	sip_instance_destroy(si);
	sip_endpoint_close(k);
}

TEST_F(rt, fuel_stops_a_spinning_handler)
{
	runs_out_of_fuel(_metadata, self, TEST_DRIVERS "spinner.o",
			 "a handler ran out of fuel (a loop ran too long)");
}

/*
 * Each turn is a few instructions of fuel but 64 KiB of CRC: the helpers'
 * work is charged to the run's fuel, or the turn would cost 26 GB of CRC
 * before the loop's fuel ran out.
 */
TEST_F(rt, fuel_stops_a_handler_whose_helpers_work_too_long)
{
	runs_out_of_fuel(_metadata, self, TEST_DRIVERS "helper_spinner.o",
			 "a handler ran out of fuel (its helpers copied or checksummed too much)");
}

TEST_F(rt, abort_stops_the_sip)
{
	struct sip_instance *si = create(_metadata, self->h, TEST_DRIVERS "aborter.o", NULL,
					 &self->img[0]);
	struct sip_endpoint *k;
	struct sip_chmsg m;
	const char *what;
	sip_handle_t b;

	ASSERT_NE(NULL, si);
	k = connect_kernel(self->h, si, 0);
	ASSERT_EQ(0, sip_instance_start(si));
	ASSERT_EQ(0, ping(k, self->h, 12, NULL, &b));
	ASSERT_EQ(1, sip_channel_recv(k, &m));
	EXPECT_EQ(12, m.args[0]);
	ASSERT_EQ(0, ping(k, self->h, 13, NULL, &b));
	EXPECT_EQ(SIP_REASON_ABORT, sip_instance_fault(si, &what));
	EXPECT_STREQ("the driver called sip_abort(-5)", what);
	sip_instance_destroy(si);
	sip_endpoint_close(k);
}

TEST_F(rt, a_dead_sips_blocks_are_reclaimed)
{
	const char *const params[] = { "depth=9", NULL };
	struct sip_instance *si = create(_metadata, self->h, TEST_DRIVERS "keeper.o", params,
					 &self->img[0]);
	struct sip_instance_stats st;
	struct sip_endpoint *k;
	struct sip_chmsg m;
	sip_handle_t b;
	int i;

	ASSERT_NE(NULL, si);
	k = connect_kernel(self->h, si, 0);
	ASSERT_EQ(0, sip_instance_start(si));
	for (i = 0; i < 6; i++) {
		ASSERT_EQ(0, ping(k, self->h, i, "kept", &b));
		ASSERT_EQ(1, sip_channel_recv(k, &m));
		EXPECT_EQ(9, m.args[0]);	/* the parameter given */
		EXPECT_EQ(7, m.args[1]);	/* the default */
		EXPECT_EQ(0, m.block);
	}
	sip_instance_stats(si, &st);
	EXPECT_EQ(4, st.blocks);	/* four slots, the older two were freed */
	EXPECT_EQ(5, st.hw_blocks);	/* the fifth block and the one it replaced */
	sip_instance_destroy(si);	/* reclaims them (teardown checks the heap) */
	sip_endpoint_close(k);
}

TEST_F(rt, parameters_are_checked)
{
	static const char *const bad[][2] = {
		{ "speed=1", NULL }, { "depth=0", NULL }, { "depth=65", NULL }, { "depth=x", NULL },
	};
	static const char *const msgs[] = {
		"unknown parameter 'speed=1' (keeper takes 2)",
		"parameter depth: 0 is outside 1..64",
		"parameter depth: 65 is outside 1..64",
		"parameter depth: 'x' is not a number",
	};
	struct sip_instance_opts o = { .engine = &sip_engine_interp, .heap = self->h };
	struct sip_instance *si;
	char msg[256];
	u32 i;

	ASSERT_EQ(0, image_open(_metadata, TEST_DRIVERS "keeper.o", &self->img[0]));
	for (i = 0; i < 4; i++) {
		o.params = bad[i];
		EXPECT_GT(0, sip_instance_create(&self->img[0].view, &o, &si, msg, sizeof(msg)));
		EXPECT_STREQ(msgs[i], msg);
	}
}

TEST_F(rt, contracts_and_code_are_checked_at_creation)
{
	struct sip_instance_opts o = { .engine = &sip_engine_interp, .heap = self->h };
	struct sip_manifest *m;
	struct sip_instance *si;
	char msg[256];

	ASSERT_EQ(0, image_open(_metadata, DRIVERS "echo.o", &self->img[0]));
	m = (struct sip_manifest *)self->img[0].view.manifest;
	m->chans[0].contract_hash ^= 1;
	EXPECT_EQ(-EINVAL, sip_instance_create(&self->img[0].view, &o, &si, msg, sizeof(msg)));
	EXPECT_NE(NULL, strstr(msg, "channel 0 (ping): contract sipdrv.ping differs from the kernel's"));
	m->chans[0].contract_hash ^= 1;
	strcpy(m->chans[0].contract, "sipdrv.nope");
	EXPECT_EQ(-EINVAL, sip_instance_create(&self->img[0].view, &o, &si, msg, sizeof(msg)));
	EXPECT_STREQ("channel 0 (ping): unknown contract 'sipdrv.nope'", msg);

	ASSERT_EQ(0, image_open(_metadata, TEST_DRIVERS "use_after_send.o", &self->img[1]));
	EXPECT_EQ(-EINVAL, sip_instance_create(&self->img[1].view, &o, &si, msg, sizeof(msg)));
	EXPECT_NE(NULL, strstr(msg, "bad_msg: insn 19 (use_after_send.c:19): r6 points to a block sent at insn 12"))
		TH_LOG("%s", msg);
}

TEST_F(rt, hello_logs)
{
	struct sip_instance *si = create(_metadata, self->h, DRIVERS "hello.o", NULL, &self->img[0]);

	ASSERT_NE(NULL, si);
	logged[0] = 0;
	ASSERT_EQ(0, sip_instance_start(si));
	EXPECT_NE(NULL, strstr(logged, "hello"));
	sip_instance_destroy(si);
}

/* Connects @client's channel @ci to @server's channel @si_ (both SIPs, maybe the same). */
static int connect_sips(struct xheap *h, struct sip_instance *client, u32 ci,
			struct sip_instance *server, u32 sidx)
{
	const struct sip_manifest *m = sip_instance_manifest(server);
	struct sip_channel *ch = sip_channel_create(h, sip_contract_find(m->chans[sidx].contract), 16,
						    sip_instance_owner(client),
						    sip_instance_owner(server));

	if (IS_ERR(ch) || sip_instance_attach(client, ci, sip_channel_end(ch, SIP_CLIENT)) ||
	    sip_instance_attach(server, sidx, sip_channel_end(ch, SIP_SERVER)))
		return -1;
	return 0;
}

/* The next message at @k, waiting up to 5 s for one that comes from the deferred work. */
static int recv_wait(struct sip_endpoint *k, struct sip_chmsg *m)
{
	int i, ret = 0;

	for (i = 0; i < 5000 && !ret; i++) {
		ret = sip_channel_recv(k, m);
		if (!ret)
			sip_sleep_ms(1);
	}
	return ret;
}

/*
 * kernel -> relay-a -> relay-b -> relay-c -> echo: relay-c is past the
 * nesting bound (SIP_NEST_MAX runs on one stack), so the deferred work
 * runs it and what follows; the echo comes back all the same, block and all.
 */
TEST_F(rt, a_chain_deeper_than_the_nesting_bound_is_deferred)
{
	static const char *const names[] = { "relay_a", "relay_b", "relay_c" };
	struct sip_instance *si[4];
	struct sip_instance_stats st;
	struct sip_endpoint *k;
	struct sip_chmsg m;
	char path[128];
	sip_handle_t b;
	int i, round;

	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), TEST_DRIVERS "%s.o", names[i]);
		si[i] = create(_metadata, self->h, path, NULL, &self->img[i]);
		ASSERT_NE(NULL, si[i]);
	}
	si[3] = create(_metadata, self->h, DRIVERS "echo.o", NULL, &self->img[3]);
	ASSERT_NE(NULL, si[3]);
	for (i = 0; i < 3; i++)
		ASSERT_EQ(0, connect_sips(self->h, si[i], 1, si[i + 1], 0));
	k = connect_kernel(self->h, si[0], 0);
	ASSERT_NE(NULL, k);
	for (i = 0; i < 4; i++)
		ASSERT_EQ(0, sip_instance_start(si[i]));
	for (round = 0; round < 20; round++) {
		ASSERT_EQ(0, ping(k, self->h, round, "deep", &b));
		ASSERT_EQ(1, recv_wait(k, &m)) TH_LOG("round %d", round);
		EXPECT_EQ(SIP_ECHO, m.tag);
		EXPECT_EQ((u64)round, m.args[0]);
		EXPECT_EQ(b, m.block);
		EXPECT_STREQ("deep", xheap_ptr(self->h, m.block, XHEAP_KERNEL, NULL));
		EXPECT_EQ(0, xheap_free(self->h, XHEAP_KERNEL, m.block));
	}
	sip_instance_stats(si[3], &st);
	EXPECT_EQ(20, st.messages);
	for (i = 0; i < 4; i++) {
		EXPECT_EQ(SIP_STATE_RUNNING, sip_instance_state(si[i]));
		sip_instance_destroy(si[i]);
	}
	sip_endpoint_close(k);
}

/*
 * A SIP connected to itself keeps an exchange going that never ends: the
 * sender gets its answer and goes on, the exchange runs in the deferred
 * work, and the SIP is destroyed while it runs.
 */
TEST_F(rt, a_sip_connected_to_itself_runs_on_in_the_background)
{
	struct sip_instance *si = create(_metadata, self->h, TEST_DRIVERS "selfloop.o", NULL,
					 &self->img[0]);
	struct sip_instance_stats st;
	struct sip_endpoint *k;
	struct sip_chmsg m;
	u64 before;
	sip_handle_t b;

	ASSERT_NE(NULL, si);
	ASSERT_EQ(0, connect_sips(self->h, si, 2, si, 1));
	k = connect_kernel(self->h, si, 0);
	ASSERT_NE(NULL, k);
	ASSERT_EQ(0, sip_instance_start(si));
	ASSERT_EQ(0, ping(k, self->h, 7, NULL, &b));
	ASSERT_EQ(1, recv_wait(k, &m));
	EXPECT_EQ(SIP_ECHO, m.tag);
	EXPECT_EQ(7, m.args[0]);
	sip_instance_stats(si, &st);
	before = st.messages;
	sip_sleep_ms(50);
	sip_instance_stats(si, &st);
	EXPECT_GT(st.messages, before);
	EXPECT_EQ(SIP_STATE_RUNNING, sip_instance_state(si));
	sip_instance_destroy(si);
	sip_endpoint_close(k);
}

/* Budgets above the ceilings are refused at creation, saying which. */
TEST_F(rt, budgets_above_the_ceilings_are_refused)
{
	static const struct sip_limits limits = {
		.fuel = 1000, .max_blocks = 10, .max_bytes = 1 << 20, .grant_bytes = 1 << 20,
	};
	struct sip_instance_opts o = { .engine = &sip_engine_interp, .heap = self->h,
				       .limits = &limits };
	struct sip_instance *si;
	char msg[256];

	ASSERT_EQ(0, image_open(_metadata, TEST_DRIVERS "greedy_fuel.o", &self->img[0]));
	EXPECT_EQ(-EDQUOT, sip_instance_create(&self->img[0].view, &o, &si, msg, sizeof(msg)));
	EXPECT_STREQ("the manifest asks for fuel of 18446744073709551615 instructions per run, above the kernel's ceiling of 1000 instructions per run: ask for less",
		     msg);
	ASSERT_EQ(0, image_open(_metadata, TEST_DRIVERS "greedy_heap.o", &self->img[1]));
	EXPECT_EQ(-EDQUOT, sip_instance_create(&self->img[1].view, &o, &si, msg, sizeof(msg)));
	EXPECT_STREQ("the manifest asks for an exchange-heap quota of 4294967295 blocks, above the kernel's ceiling of 10 blocks: ask for less",
		     msg);
	/* A manifest that says nothing gets the ceilings. */
	ASSERT_EQ(0, image_open(_metadata, DRIVERS "hello.o", &self->img[2]));
	ASSERT_EQ(-EDQUOT, sip_instance_create(&self->img[2].view, &o, &si, msg, sizeof(msg)))
		TH_LOG("hello asks for 10000 instructions of fuel");
	ASSERT_EQ(0, image_open(_metadata, TEST_DRIVERS "silent.o", &self->img[3]));
	ASSERT_EQ(0, sip_instance_create(&self->img[3].view, &o, &si, msg, sizeof(msg))) TH_LOG("%s", msg);
	EXPECT_EQ(1000, sip_instance_manifest(si)->fuel);
	EXPECT_EQ(10, sip_instance_manifest(si)->max_blocks);
	EXPECT_EQ(1 << 20, sip_instance_manifest(si)->max_bytes);
	sip_instance_destroy(si);
	/* A ceiling of 0 allows nothing (a quota of 0 would be no limit at all). */
	{
		struct sip_limits none = limits;

		none.max_bytes = 0;
		o.limits = &none;
		EXPECT_EQ(-EDQUOT, sip_instance_create(&self->img[3].view, &o, &si, msg, sizeof(msg)));
		EXPECT_STREQ("the kernel's ceiling for an exchange-heap quota is 0 bytes: no SIP may load",
			     msg);
	}
}

/* Granted memory comes from the pool: over it, init fails and says why. */
TEST_F(rt, grants_beyond_the_pool_are_refused)
{
	struct sip_grant_pool pool = { .limit = 3 << 20 };
	struct sip_instance_opts o = { .engine = &sip_engine_interp, .heap = self->h,
				       .grants = &pool };
	const char *const two[] = { "size_mb=2", NULL };
	struct sip_endpoint *ka, *kc;
	struct sip_instance *a, *c;
	const char *what;
	char msg[256];

	ASSERT_EQ(0, image_open(_metadata, DRIVERS "ramdisk.o", &self->img[0]));
	o.params = two;
	ASSERT_EQ(0, sip_instance_create(&self->img[0].view, &o, &a, msg, sizeof(msg)));
	ka = connect_kernel(self->h, a, 0);
	ASSERT_EQ(0, sip_instance_start(a));	/* 2 of 3 MiB */
	EXPECT_EQ(2ull << 20, pool.used);
	ASSERT_EQ(0, sip_instance_create(&self->img[0].view, &o, &c, msg, sizeof(msg)));
	kc = connect_kernel(self->h, c, 0);
	EXPECT_EQ(-EDQUOT, sip_instance_start(c));
	sip_instance_fault(c, &what);
	EXPECT_STREQ("init returned -122 (sip_grant(2 MiB) refused: over the budget of granted memory (3 MiB, 2 in use))",
		     what);
	sip_instance_destroy(c);
	sip_instance_destroy(a);
	EXPECT_EQ(0, pool.used);
	sip_endpoint_close(ka);
	sip_endpoint_close(kc);
}

/*
 * Init may wait for the heap's memory: the hog takes its whole quota in 1
 * MiB blocks although the heap backs 4 MiB at rest, and once it is gone
 * the memory goes back.
 */
TEST_F(rt, init_waits_for_the_heaps_memory)
{
	static const struct sip_limits limits = {
		.fuel = 1 << 22, .max_blocks = 4096, .max_bytes = 16 << 20, .grant_bytes = 1 << 20,
	};
	struct xheap *h = xheap_create(64 << 20);
	struct sip_instance_opts o = { .engine = &sip_engine_interp, .heap = h, .limits = &limits };
	struct sip_instance_stats st;
	struct xheap_stats s0, s;
	struct sip_instance *si;
	char msg[256];

	ASSERT_FALSE(IS_ERR_OR_NULL(h)) TH_LOG("error %ld", PTR_ERR(h));
	xheap_stats(h, &s0);
	ASSERT_EQ(0, image_open(_metadata, TEST_DRIVERS "hog.o", &self->img[0]));
	ASSERT_EQ(0, sip_instance_create(&self->img[0].view, &o, &si, msg, sizeof(msg))) TH_LOG("%s", msg);
	ASSERT_EQ(0, sip_instance_start(si));
	sip_instance_stats(si, &st);
	EXPECT_EQ(16, st.blocks) TH_LOG("its quota, not what the heap had backed");
	EXPECT_EQ(16 << 20, st.bytes);
	xheap_stats(h, &s);
	EXPECT_LE(s0.backed_pages + 4096, s.backed_pages) TH_LOG("%u pages backed", s.backed_pages);
	sip_instance_destroy(si);
	xheap_flush(h);
	xheap_stats(h, &s);
	EXPECT_EQ(0, s.blocks);
	EXPECT_EQ(s0.backed_pages, s.backed_pages);
	xheap_destroy(h);
}

TEST_HARNESS_MAIN
