// SPDX-License-Identifier: GPL-2.0
/* The platform shim for sipdrv.ko: kernel allocation, nesting, deferred work, CRC-32. */
#include <linux/crc32.h>
#include <linux/delay.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/rcupdate.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/workqueue.h>

#include "platform.h"

void *sip_zalloc(unsigned long size)
{
	return kvzalloc(size, GFP_KERNEL);
}

void sip_free(void *ptr)
{
	kvfree(ptr);
}

DEFINE_PER_CPU(u32, sip_nest);

/*
 * Deferred runs go to a workqueue of their own, unbound: a SIP that keeps
 * itself busy (a driver connected to itself) takes a worker the scheduler
 * preempts like any task, and holds up no other kernel work.
 */
static struct workqueue_struct *sip_wq;

int sip_platform_init(void)
{
	sip_wq = alloc_workqueue("sipdrv", WQ_UNBOUND, 0);
	return sip_wq ? 0 : -ENOMEM;
}

void sip_platform_uninit(void)
{
	destroy_workqueue(sip_wq);
}

static void defer_work(struct work_struct *work)
{
	struct sip_defer *d = container_of(work, struct sip_defer, work);

	d->fn(d);
}

void sip_defer_init(struct sip_defer *d, sip_defer_fn fn)
{
	INIT_WORK(&d->work, defer_work);
	d->fn = fn;
}

void sip_defer_queue(struct sip_defer *d)
{
	queue_work(sip_wq, &d->work);
}

void sip_defer_sync(struct sip_defer *d)
{
	flush_work(&d->work);
}

void sip_resched(void)
{
	cond_resched();
}

void sip_sleep_ms(u32 ms)
{
	msleep(ms);
}

void *sip_region_alloc(unsigned long size)
{
	return vmalloc_user(size);	/* zeroed, and mappable into a process later */
}

void *sip_region_alloc_noretry(unsigned long size)
{
	might_sleep();
	return __vmalloc(size, GFP_KERNEL | __GFP_ZERO | __GFP_NORETRY | __GFP_NOWARN |
			 __GFP_ACCOUNT);
}

/* Never under a spinlock: 6.1's vfree may sleep outside interrupts. */
void sip_region_free(void *ptr, unsigned long size)
{
	might_sleep();
	vfree(ptr);
}

void sip_wait_runs(void)
{
	synchronize_rcu();
}

u64 sip_time_ns(void)
{
	return ktime_get_ns();
}

u32 sip_crc32(u32 crc, const void *p, unsigned long len)
{
	return ~crc32_le(~crc, p, len);
}

void sip_log_text(const char *prefix, const char *text, u32 len)
{
	pr_info_ratelimited("%s: %.*s\n", prefix, (int)len, text);
}
