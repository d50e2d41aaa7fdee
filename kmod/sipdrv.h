/* SPDX-License-Identifier: GPL-2.0 */
/* Declarations shared between the files of sipdrv.ko's Linux glue. */
#ifndef _SIPDRV_KMOD_H
#define _SIPDRV_KMOD_H

#include <linux/fs.h>
#include <linux/moduleparam.h>

struct sip_engine;

int sipdrv_dev_init(void);
void sipdrv_dev_uninit(void);

/* sips.c: the SIPs loaded, and their ioctls */
int sipdrv_sips_init(void);
void sipdrv_sips_uninit(void);
long sipdrv_ioctl_info(struct file *file, void __user *uarg);
long sipdrv_ioctl_load(struct file *file, void __user *uarg);
long sipdrv_ioctl_unload(struct file *file, void __user *uarg);
long sipdrv_ioctl_list(struct file *file, void __user *uarg);
long sipdrv_ioctl_stats(struct file *file, void __user *uarg);
long sipdrv_ioctl_connect(struct file *file, void __user *uarg);
long sipdrv_ioctl_ping(struct file *file, void __user *uarg);
long sipdrv_ioctl_exchange(struct file *file, void __user *uarg);

/* blk.c: the block shim */
struct sipblk;
struct xheap;
struct sip_instance;
int sipdrv_blk_init(struct xheap *heap);
void sipdrv_blk_uninit(void);
struct sipblk *sipblk_prepare(struct sip_instance *si, u32 *chan, char *msg, u32 size);
int sipblk_add_disk(struct sipblk *b, char *name, u32 name_size, char *msg, u32 size);
void sipblk_remove_disk(struct sipblk *b);
void sipblk_free(struct sipblk *b);
void sipblk_counters(struct sipblk *b, u64 *done, u64 *errors, u64 *busy, u64 *timeouts,
		     u64 *lent);
/* The kernel end of a block channel, named by msgpath.c for channel.c to call directly. */
struct sip_endpoint;
struct sip_chmsg;
void sipblk_notify(struct sip_endpoint *ep, void *cookie);
void sipblk_deliver(struct sip_endpoint *ep, void *cookie, struct sip_chmsg *msg);

/*
 * params.c: a numeric module parameter (unsigned int or unsigned long)
 * refused outside [min, max], with a log line that names it and the range.
 * max SIPDRV_PARAM_RAM_MB: the machine's RAM in MiB.
 */
struct sipdrv_param_range {
	void *val;
	unsigned int size;		/* sizeof(*val) */
	unsigned long min, max;
	const char *unit;		/* in the message after the range ("" if none) */
};
#define SIPDRV_PARAM_RAM_MB	ULONG_MAX
extern const struct kernel_param_ops sipdrv_param_range_ops;

#define sipdrv_param_range(name, type, lo, hi, unit_, perm)				\
	static struct sipdrv_param_range __sipdrv_range_##name = {				\
		.val = &(name), .size = sizeof(name), .min = (lo), .max = (hi),		\
		.unit = (unit_),								\
	};										\
	module_param_cb(name, &sipdrv_param_range_ops, &__sipdrv_range_##name, perm);	\
	__MODULE_PARM_TYPE(name, #type)

/* jit.c: the kernel's eBPF JIT as an engine, or NULL with why in @msg */
const struct sip_engine *sipdrv_jit_engine(char *msg, u32 size);

#endif /* _SIPDRV_KMOD_H */
