// SPDX-License-Identifier: GPL-2.0
/* The platform shim for user space: libc allocation, a thread's current run. */
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

void sip_region_free(void *ptr, unsigned long size)
{
	if (ptr)
		munmap(ptr, size);
}

u64 sip_time_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ull + (u64)ts.tv_nsec;
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
