// SPDX-License-Identifier: GPL-2.0
/* The platform shim for user space: libc allocation, a thread's current run, CRC-32. */
#include <sched.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>

#include "platform.h"

void *sip_zalloc(unsigned long size)
{
	return calloc(1, size);
}

void sip_free(void *ptr)
{
	free(ptr);
}

static __thread struct sip_run *current_run;
__thread u32 sip_nest;

struct sip_run *sip_run_current(void)
{
	return current_run;
}

struct sip_run *sip_run_set_current(struct sip_run *run)
{
	struct sip_run *prev = current_run;

	current_run = run;
	return prev;
}

void *sip_region_alloc(unsigned long size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

void *sip_region_alloc_noretry(unsigned long size)
{
	return sip_region_alloc(size);
}

void sip_region_free(void *ptr, unsigned long size)
{
	if (ptr)
		munmap(ptr, size);
}

void sip_wait_runs(void)
{
}

u64 sip_time_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ull + (u64)ts.tv_nsec;
}

/* The reflected polynomial of CRC-32 (IEEE 802.3), as the kernel's crc32_le. */
#define CRC32_POLY_LE 0xedb88320u

static u32 crc32_table[256];
static pthread_once_t crc32_once = PTHREAD_ONCE_INIT;

static void crc32_init(void)
{
	u32 i, k, c;

	for (i = 0; i < 256; i++) {
		for (c = i, k = 0; k < 8; k++)
			c = c & 1 ? (c >> 1) ^ CRC32_POLY_LE : c >> 1;
		crc32_table[i] = c;
	}
}

u32 sip_crc32(u32 crc, const void *p, unsigned long len)
{
	const u8 *b = p;

	pthread_once(&crc32_once, crc32_init);
	crc = ~crc;
	while (len--)
		crc = crc32_table[(crc ^ *b++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

void sip_exec_enter(void)
{
}

void sip_exec_exit(void)
{
}

void sip_log_text(const char *prefix, const char *text, u32 len)
{
	fprintf(stderr, "%s: %.*s\n", prefix, (int)len, text);
}

void sip_trace_msg(const char *name, u32 chan, u32 tag, u32 block_size, u64 ns)
{
	(void)name, (void)chan, (void)tag, (void)block_size, (void)ns;
}

void sip_trace_fault(const char *name, u32 reason, const char *what)
{
	(void)name, (void)reason, (void)what;
}

bool sip_handler_time;

bool sip_time_handlers(void)
{
	return sip_handler_time;
}

/*
 * Deferred work: one worker thread, started on first use, runs the queued
 * items in order.
 */
static pthread_mutex_t defer_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t defer_cond = PTHREAD_COND_INITIALIZER;
static struct sip_defer *defer_head, *defer_tail;
static bool defer_started;

static void *defer_worker(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&defer_lock);
	for (;;) {
		struct sip_defer *d;

		while (!defer_head)
			pthread_cond_wait(&defer_cond, &defer_lock);
		d = defer_head;
		defer_head = d->next;
		if (!defer_head)
			defer_tail = NULL;
		d->queued = false;
		d->running = true;
		pthread_mutex_unlock(&defer_lock);
		d->fn(d);
		pthread_mutex_lock(&defer_lock);
		d->running = false;
		pthread_cond_broadcast(&defer_cond);
	}
	return NULL;
}

void sip_defer_init(struct sip_defer *d, sip_defer_fn fn)
{
	memset(d, 0, sizeof(*d));
	d->fn = fn;
}

void sip_defer_queue(struct sip_defer *d)
{
	pthread_t t;

	pthread_mutex_lock(&defer_lock);
	if (!defer_started && !pthread_create(&t, NULL, defer_worker, NULL)) {
		pthread_detach(t);
		defer_started = true;
	}
	if (!d->queued) {
		d->queued = true;
		d->next = NULL;
		if (defer_tail)
			defer_tail->next = d;
		else
			defer_head = d;
		defer_tail = d;
		pthread_cond_broadcast(&defer_cond);
	}
	pthread_mutex_unlock(&defer_lock);
}

void sip_defer_sync(struct sip_defer *d)
{
	pthread_mutex_lock(&defer_lock);
	while (d->queued || d->running)
		pthread_cond_wait(&defer_cond, &defer_lock);
	pthread_mutex_unlock(&defer_lock);
}

void sip_resched(void)
{
	sched_yield();
}

void sip_sleep_ms(u32 ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}
