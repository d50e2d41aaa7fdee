// SPDX-License-Identifier: GPL-2.0
/* sipdrv.ko: module init and exit, nothing else (the init ladder). */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <uapi/sipdrv.h>
#include <sipdrv/version.h>
#include "platform.h"
#include "sipdrv.h"

static int __init sipdrv_mod_init(void)
{
	int ret;

	ret = sip_platform_init();
	if (ret)
		goto err_platform;
	ret = sipdrv_sips_init();
	if (ret)
		goto err_sips;
	ret = sipdrv_dev_init();
	if (ret)
		goto err_dev;

	pr_info("sipdrv %s loaded (ABI %d)\n", SIPDRV_RELEASE, SIPDRV_ABI_VERSION);
	return 0;

err_dev:
	sipdrv_sips_uninit();
err_sips:
	sip_platform_uninit();
err_platform:
	return ret;
}

static void __exit sipdrv_mod_exit(void)
{
	/* No more ioctls (the device is gone) before the SIPs go. */
	sipdrv_dev_uninit();
	sipdrv_sips_uninit();
	sip_platform_uninit();
	pr_info("sipdrv unloaded\n");
}

module_init(sipdrv_mod_init);
module_exit(sipdrv_mod_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("sipdrv: device drivers as verified, software-isolated processes");
MODULE_VERSION(SIPDRV_RELEASE);
