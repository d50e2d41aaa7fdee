// SPDX-License-Identifier: GPL-2.0
/* The platform shim for sipdrv.ko: kernel allocation, a CPU's current run. */
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "platform.h"

void *sip_zalloc(unsigned long size)
{
	return kvzalloc(size, GFP_KERNEL);
}

void sip_free(void *ptr)
{
	kvfree(ptr);
}

#if !IS_ENABLED(CONFIG_BPF_SYSCALL)
/* Callers run SIPs with preemption disabled, so the CPU cannot change. */
DEFINE_PER_CPU(struct sip_run *, sip_current_run);
#endif

void *sip_region_alloc(unsigned long size)
{
	return vmalloc_user(size);	/* zeroed, and mappable into a process later */
}

void sip_region_free(void *ptr, unsigned long size)
{
	vfree(ptr);
}

u64 sip_time_ns(void)
{
	return ktime_get_ns();
}

void sip_log_text(const char *prefix, const char *text, u32 len)
{
	pr_info_ratelimited("%s: %.*s\n", prefix, (int)len, text);
}
