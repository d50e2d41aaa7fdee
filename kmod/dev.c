// SPDX-License-Identifier: GPL-2.0
/* /dev/sipdrv: the misc device and its ioctl dispatch table. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/uaccess.h>
#include <uapi/sipdrv.h>
#include <sipdrv/version.h>
#include "sipdrv.h"

static long sipdrv_ioctl_version(struct file *file, void __user *uarg)
{
	struct sipdrv_version ver;

	if (copy_from_user(&ver, uarg, sizeof(ver)))
		return -EFAULT;
	if (ver.flags)
		return -EINVAL;

	memset(&ver, 0, sizeof(ver));
	ver.abi = SIPDRV_ABI_VERSION;
	strscpy(ver.release, SIPDRV_RELEASE, sizeof(ver.release));

	if (copy_to_user(uarg, &ver, sizeof(ver)))
		return -EFAULT;
	return 0;
}

struct sipdrv_ioctl_desc {
	unsigned int cmd;
	long (*fn)(struct file *file, void __user *uarg);
};

/* Indexed by _IOC_NR(); the full command (size and direction) must match. */
static const struct sipdrv_ioctl_desc sipdrv_ioctls[] = {
	[_IOC_NR(SIPDRV_IOC_VERSION)] = { SIPDRV_IOC_VERSION, sipdrv_ioctl_version },
	[_IOC_NR(SIPDRV_IOC_INFO)] = { SIPDRV_IOC_INFO, sipdrv_ioctl_info },
	[_IOC_NR(SIPDRV_IOC_LOAD)] = { SIPDRV_IOC_LOAD, sipdrv_ioctl_load },
	[_IOC_NR(SIPDRV_IOC_UNLOAD)] = { SIPDRV_IOC_UNLOAD, sipdrv_ioctl_unload },
	[_IOC_NR(SIPDRV_IOC_LIST)] = { SIPDRV_IOC_LIST, sipdrv_ioctl_list },
	[_IOC_NR(SIPDRV_IOC_STATS)] = { SIPDRV_IOC_STATS, sipdrv_ioctl_stats },
	[_IOC_NR(SIPDRV_IOC_CONNECT)] = { SIPDRV_IOC_CONNECT, sipdrv_ioctl_connect },
	[_IOC_NR(SIPDRV_IOC_PING)] = { SIPDRV_IOC_PING, sipdrv_ioctl_ping },
	[_IOC_NR(SIPDRV_IOC_EXCHANGE)] = { SIPDRV_IOC_EXCHANGE, sipdrv_ioctl_exchange },
};

static long sipdrv_unlocked_ioctl(struct file *file, unsigned int cmd,
				  unsigned long arg)
{
	const struct sipdrv_ioctl_desc *desc;
	unsigned int nr = _IOC_NR(cmd);

	if (_IOC_TYPE(cmd) != SIPDRV_IOC_MAGIC || nr >= ARRAY_SIZE(sipdrv_ioctls))
		return -ENOTTY;
	desc = &sipdrv_ioctls[nr];
	if (!desc->fn || desc->cmd != cmd)
		return -ENOTTY;
	return desc->fn(file, (void __user *)arg);
}

/*
 * .owner pins the module while the device is open: rmmod fails with -EBUSY
 * until the last file is closed, so no ioctl can run into freed module text.
 */
static const struct file_operations sipdrv_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = sipdrv_unlocked_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice sipdrv_miscdev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = SIPDRV_DEVICE_NAME,
	.fops = &sipdrv_fops,
	.mode = 0666,
};

int sipdrv_dev_init(void)
{
	return misc_register(&sipdrv_miscdev);
}

void sipdrv_dev_uninit(void)
{
	misc_deregister(&sipdrv_miscdev);
}
