// SPDX-License-Identifier: GPL-2.0
/* The /dev/sipdrv ioctl contract, exercised from user space in the guest. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include <uapi/sipdrv.h>
#include <sipdrv/version.h>

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

TEST_HARNESS_MAIN
