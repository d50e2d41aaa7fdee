// SPDX-License-Identifier: GPL-2.0
/*
 * The /dev/sipdrv ioctl contract, exercised from user space in the guest:
 * versions, refused commands, failing ioctls that leave nothing behind,
 * and no global lock held across a long ping.
 */
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include <uapi/sipdrv.h>
#include <sipdrv/version.h>
#include "image_build.h"

/* Drivers are read from the build tree (the tests run from the repository). */
#define RAMDISK_O	"build/drivers/ramdisk.o"
#define ECHO_O		"build/drivers/echo.o"
static const char ramdisk_params[] = "size_mb=1";

/* A load request for the driver object @path (image malloc()ed: free req->image). */
static int load_req(struct sipdrv_load *req, const char *path, const char *params, size_t psize)
{
	char msg[512];
	void *img;
	u32 size;

	memset(req, 0, sizeof(*req));
	if (sip_image_build(path, &img, &size, msg, sizeof(msg))) {
		fprintf(stderr, "# %s\n", msg);
		return -1;
	}
	req->image = (uintptr_t)img;
	req->image_size = size;
	req->params = (uintptr_t)params;
	req->params_size = psize;
	return 0;
}

/* How many loaded SIPs are called @name, by SIPDRV_IOC_LIST. */
static int sips_named(int fd, const char *name)
{
	struct sipdrv_sip_info info[64];
	struct sipdrv_list l = { .entries = (uintptr_t)info, .max = 64 };
	unsigned int i;
	int n = 0;

	if (ioctl(fd, SIPDRV_IOC_LIST, &l))
		return -1;
	for (i = 0; i < l.count && i < l.max; i++)
		n += !strcmp(info[i].name, name);
	return n;
}

/* The /dev/sipblk* nodes. */
static int disks(void)
{
	glob_t g;
	int n;

	if (glob("/dev/sipblk*", 0, NULL, &g))
		return 0;
	n = (int)g.gl_pathc;
	globfree(&g);
	return n;
}

static int unload(int fd, const char *name)
{
	struct sipdrv_target t = { 0 };

	strncpy(t.name, name, sizeof(t.name) - 1);
	return ioctl(fd, SIPDRV_IOC_UNLOAD, &t);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

FIXTURE(dev) {
	int fd;
};

FIXTURE_SETUP(dev)
{
	self->fd = open(SIPDRV_DEVICE_PATH, O_RDONLY);
	ASSERT_LE(0, self->fd) TH_LOG("open %s: %s", SIPDRV_DEVICE_PATH, strerror(errno));
}

FIXTURE_TEARDOWN(dev)
{
	close(self->fd);
}

TEST_F(dev, version_answers)
{
	struct sipdrv_version ver;

	memset(&ver, 0xa5, sizeof(ver));
	ver.flags = 0;
	ASSERT_EQ(0, ioctl(self->fd, SIPDRV_IOC_VERSION, &ver));
	EXPECT_EQ(SIPDRV_ABI_VERSION, ver.abi);
	EXPECT_EQ(0, ver.reserved);
	EXPECT_EQ(0, ver.features);
	ASSERT_NE(NULL, memchr(ver.release, '\0', sizeof(ver.release)));
	EXPECT_STREQ(SIPDRV_RELEASE, ver.release);
}

TEST_F(dev, version_rejects_nonzero_flags)
{
	struct sipdrv_version ver = { .flags = 1 };

	EXPECT_EQ(-1, ioctl(self->fd, SIPDRV_IOC_VERSION, &ver));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(0, ver.abi) TH_LOG("the module wrote a refused reply");
}

TEST_F(dev, version_bad_pointer)
{
	EXPECT_EQ(-1, ioctl(self->fd, SIPDRV_IOC_VERSION, NULL));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, ioctl(self->fd, SIPDRV_IOC_VERSION, (void *)16));
	EXPECT_EQ(EFAULT, errno);
}

TEST_F(dev, unknown_ioctls_are_refused)
{
	struct sipdrv_version ver = { 0 };
	unsigned int bad[] = {
		_IOWR(SIPDRV_IOC_MAGIC, 0x7f, struct sipdrv_version),	/* unknown number */
		_IOWR(SIPDRV_IOC_MAGIC, 0xff, struct sipdrv_version),	/* beyond the table */
		_IOWR(SIPDRV_IOC_MAGIC, 0x00, __u64),			/* right number, wrong size */
		_IOR(SIPDRV_IOC_MAGIC, 0x00, struct sipdrv_version),	/* wrong direction */
		_IOWR('T', 0x00, struct sipdrv_version),		/* another driver's magic */
		0,
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		errno = 0;
		EXPECT_EQ(-1, ioctl(self->fd, bad[i], &ver)) TH_LOG("cmd %#x", bad[i]);
		EXPECT_EQ(ENOTTY, errno) TH_LOG("cmd %#x", bad[i]);
	}
}

/* Many openers at once: each file works independently. */
TEST(many_opens)
{
	int fds[64];
	size_t i;

	for (i = 0; i < 64; i++) {
		struct sipdrv_version ver = { 0 };

		fds[i] = open(SIPDRV_DEVICE_PATH, O_RDWR);
		ASSERT_LE(0, fds[i]);
		ASSERT_EQ(0, ioctl(fds[i], SIPDRV_IOC_VERSION, &ver));
	}
	for (i = 0; i < 64; i++)
		close(fds[i]);
}

/*
 * A LOAD whose answer cannot be written back (the request is in a
 * read-only page) fails with EFAULT and leaves nothing: no SIP in the
 * list, no disk, no block of the heap; the name is free again.
 */
TEST_F(dev, load_with_unwritable_answer_leaves_nothing)
{
	struct sipdrv_info i0 = { 0 }, i1 = { 0 };
	struct sipdrv_load *ro, req;
	int d0 = disks();

	ASSERT_EQ(0, load_req(&req, RAMDISK_O, ramdisk_params, sizeof(ramdisk_params)));
	ASSERT_EQ(0, sips_named(self->fd, "ramdisk")) TH_LOG("a ramdisk is loaded already");
	ASSERT_EQ(0, ioctl(self->fd, SIPDRV_IOC_INFO, &i0));
	ro = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, ro);
	*ro = req;
	ASSERT_EQ(0, mprotect(ro, 4096, PROT_READ));

	errno = 0;
	EXPECT_EQ(-1, ioctl(self->fd, SIPDRV_IOC_LOAD, ro));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(0, sips_named(self->fd, "ramdisk")) TH_LOG("the failed load is listed");
	EXPECT_EQ(d0, disks()) TH_LOG("a /dev/sipblk node was left behind");
	ASSERT_EQ(0, ioctl(self->fd, SIPDRV_IOC_INFO, &i1));
	EXPECT_EQ(i0.sips, i1.sips);
	EXPECT_EQ(i0.instances, i1.instances);
	EXPECT_EQ(i0.heap_blocks, i1.heap_blocks);

	/* The same request, writable: it loads, with the name and a disk. */
	ASSERT_EQ(0, ioctl(self->fd, SIPDRV_IOC_LOAD, &req)) TH_LOG("%s", req.msg);
	EXPECT_STREQ("ramdisk", req.name);
	EXPECT_EQ(0, strncmp(req.device, "sipblk", 6));
	EXPECT_EQ(d0 + 1, disks());
	EXPECT_EQ(1, sips_named(self->fd, "ramdisk"));
	EXPECT_EQ(0, unload(self->fd, "ramdisk"));
	EXPECT_EQ(d0, disks());
	munmap(ro, 4096);
	free((void *)(uintptr_t)req.image);
}

struct pinger {
	int fd;
	struct sipdrv_ping req;
	int ret, err;
	volatile int done;
};

static void *ping_thread(void *arg)
{
	struct pinger *p = arg;

	p->ret = ioctl(p->fd, SIPDRV_IOC_PING, &p->req);
	p->err = errno;
	p->done = 1;
	return NULL;
}

/*
 * While a ping of 10^7 round trips runs, the other ioctls answer at once:
 * no global lock is held across it. Unloading its SIP stops it (ENODEV).
 */
TEST_F(dev, no_global_lock_across_a_long_ping)
{
	struct pinger p = { .fd = self->fd, .req = { .count = 10000000 } };
	struct sipdrv_sip_info info[8];
	struct sipdrv_list l = { .entries = (uintptr_t)info, .max = 8 };
	struct sipdrv_stats st = { 0 };
	struct sipdrv_info inf = { 0 };
	struct sipdrv_load echo, rd;
	pthread_t th;
	double t0, dt;

	ASSERT_EQ(0, load_req(&echo, ECHO_O, NULL, 0));
	ASSERT_EQ(0, load_req(&rd, RAMDISK_O, ramdisk_params, sizeof(ramdisk_params)));
	ASSERT_EQ(0, ioctl(self->fd, SIPDRV_IOC_LOAD, &echo)) TH_LOG("%s", echo.msg);
	strcpy(p.req.target.name, "echo");
	ASSERT_EQ(0, pthread_create(&th, NULL, ping_thread, &p));
	usleep(200000);
	ASSERT_EQ(0, p.done) TH_LOG("the ping ended early: %d (%s)", p.ret, strerror(p.err));

	t0 = now_s();
	EXPECT_EQ(0, ioctl(self->fd, SIPDRV_IOC_LIST, &l));
	strcpy(st.target.name, "echo");
	EXPECT_EQ(0, ioctl(self->fd, SIPDRV_IOC_STATS, &st));
	EXPECT_EQ(0, ioctl(self->fd, SIPDRV_IOC_INFO, &inf));
	EXPECT_EQ(0, ioctl(self->fd, SIPDRV_IOC_LOAD, &rd)) TH_LOG("%s", rd.msg);
	EXPECT_EQ(0, unload(self->fd, "ramdisk"));
	dt = now_s() - t0;
	EXPECT_GE(2.0, dt) TH_LOG("list, stats, info, load and unload took %.2f s during a ping", dt);
	EXPECT_EQ(0, p.done) TH_LOG("the ping ended before the other ioctls did");

	/* Unloading waits out the ping, which stops. */
	EXPECT_EQ(0, unload(self->fd, "echo"));
	pthread_join(th, NULL);
	EXPECT_EQ(-1, p.ret);
	EXPECT_EQ(ENODEV, p.err);
	EXPECT_EQ(0, sips_named(self->fd, "echo"));
	free((void *)(uintptr_t)echo.image);
	free((void *)(uintptr_t)rd.image);
}

static int connect_sips(int fd, const char *client, __u32 cc, const char *server, __u32 sc)
{
	struct sipdrv_connect c = { .client_chan = cc, .server_chan = sc };

	strncpy(c.client, client, sizeof(c.client) - 1);
	strncpy(c.server, server, sizeof(c.server) - 1);
	return ioctl(fd, SIPDRV_IOC_CONNECT, &c);
}

static int ping_sip(int fd, const char *name, __u32 count, struct sipdrv_ping *p)
{
	memset(p, 0, sizeof(*p));
	strncpy(p->target.name, name, sizeof(p->target.name) - 1);
	p->count = count;
	return ioctl(fd, SIPDRV_IOC_PING, p);
}

/*
 * A CONNECT refused because the server's channel is taken (here by the
 * kernel's own ping end) leaves the client's channel free: once a fresh
 * server is there, the same connect succeeds and pings go through it.
 */
TEST_F(dev, failed_connect_leaves_the_client_channel_free)
{
	struct sipdrv_load echo, relay;
	struct sipdrv_ping p;

	ASSERT_EQ(0, load_req(&echo, ECHO_O, NULL, 0));
	ASSERT_EQ(0, load_req(&relay, "build/drivers/ping.o", NULL, 0));
	ASSERT_EQ(0, ioctl(self->fd, SIPDRV_IOC_LOAD, &echo)) TH_LOG("%s", echo.msg);
	ASSERT_EQ(0, ioctl(self->fd, SIPDRV_IOC_LOAD, &relay)) TH_LOG("%s", relay.msg);
	/* The kernel's ping end takes echo's channel 0. */
	ASSERT_EQ(0, ping_sip(self->fd, "echo", 1, &p));
	EXPECT_EQ(1, p.ok);
	errno = 0;
	EXPECT_EQ(-1, connect_sips(self->fd, "ping", 1, "echo", 0));
	EXPECT_EQ(EBUSY, errno);

	/* A fresh echo: ping's channel 1 must still be free for it. */
	EXPECT_EQ(0, unload(self->fd, "echo"));
	echo.id = 0;
	ASSERT_EQ(0, ioctl(self->fd, SIPDRV_IOC_LOAD, &echo)) TH_LOG("%s", echo.msg);
	EXPECT_EQ(0, connect_sips(self->fd, "ping", 1, "echo", 0))
		TH_LOG("connect after a failed one: %s", strerror(errno));
	EXPECT_EQ(0, ping_sip(self->fd, "ping", 10, &p));
	EXPECT_EQ(10, p.ok);
	EXPECT_EQ(0, unload(self->fd, "ping"));
	EXPECT_EQ(0, unload(self->fd, "echo"));
	free((void *)(uintptr_t)echo.image);
	free((void *)(uintptr_t)relay.image);
}

TEST_HARNESS_MAIN
