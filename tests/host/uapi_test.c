// SPDX-License-Identifier: GPL-2.0
/*
 * The user ABI must not drift by accident: layouts and ioctl numbers are
 * pinned here, and a change to any of them must come with an ABI bump.
 */
#include <stddef.h>
#include <string.h>

#include "kselftest_harness.h"
#include <uapi/sipdrv.h>

TEST(abi_version)
{
	EXPECT_EQ(1, SIPDRV_ABI_VERSION);
}

TEST(version_layout)
{
	EXPECT_EQ(48, sizeof(struct sipdrv_version));
	EXPECT_EQ(0, offsetof(struct sipdrv_version, flags));
	EXPECT_EQ(4, offsetof(struct sipdrv_version, abi));
	EXPECT_EQ(8, offsetof(struct sipdrv_version, features));
	EXPECT_EQ(16, offsetof(struct sipdrv_version, release));
	EXPECT_EQ(SIPDRV_RELEASE_LEN, sizeof(((struct sipdrv_version *)0)->release));
}

TEST(ioctl_numbers)
{
	/* _IOWR(0xb5, 0, 48 bytes): direction 3, size 48, type 0xb5, nr 0. */
	EXPECT_EQ(0xc030b500u, (unsigned int)SIPDRV_IOC_VERSION);
}

/* Every command's structure and number: changing one is an ABI break. */
TEST(command_layouts)
{
	EXPECT_EQ(32, sizeof(struct sipdrv_info));
	EXPECT_EQ(616, sizeof(struct sipdrv_load));
	EXPECT_EQ(40, sizeof(struct sipdrv_target));
	EXPECT_EQ(88, sizeof(struct sipdrv_sip_info));
	EXPECT_EQ(16, sizeof(struct sipdrv_list));
	EXPECT_EQ(416, sizeof(struct sipdrv_stats));
	EXPECT_EQ(80, sizeof(struct sipdrv_connect));
	EXPECT_EQ(96, sizeof(struct sipdrv_ping));
	EXPECT_EQ(88, sizeof(struct sipdrv_exchange));
	EXPECT_EQ(0xc020b501u, (unsigned int)SIPDRV_IOC_INFO);
	EXPECT_EQ(0xc268b502u, (unsigned int)SIPDRV_IOC_LOAD);
	EXPECT_EQ(0x4028b503u, (unsigned int)SIPDRV_IOC_UNLOAD);
	EXPECT_EQ(0xc010b504u, (unsigned int)SIPDRV_IOC_LIST);
	EXPECT_EQ(0xc1a0b505u, (unsigned int)SIPDRV_IOC_STATS);
	EXPECT_EQ(0x4050b506u, (unsigned int)SIPDRV_IOC_CONNECT);
	EXPECT_EQ(0xc060b507u, (unsigned int)SIPDRV_IOC_PING);
	EXPECT_EQ(0xc058b508u, (unsigned int)SIPDRV_IOC_EXCHANGE);
}

TEST(device_path)
{
	EXPECT_STREQ("/dev/sipdrv", SIPDRV_DEVICE_PATH);
}

TEST_HARNESS_MAIN
