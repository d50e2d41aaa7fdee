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

static DEFINE_PER_CPU(struct sip_run *, current_run);

/* Callers run SIPs with preemption disabled, so the CPU cannot change. */
struct sip_run *sip_run_current(void)
{
	return this_cpu_read(current_run);
}

struct sip_run *sip_run_set_current(struct sip_run *run)
{
	return this_cpu_xchg(current_run, run);
}

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

void sip_exec_enter(void)
{
	preempt_disable();
}

void sip_exec_exit(void)
{
	preempt_enable();
}

void sip_log_text(const char *prefix, const char *text, u32 len)
{
	pr_info_ratelimited("%s: %.*s\n", prefix, (int)len, text);
}
