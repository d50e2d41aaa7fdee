// SPDX-License-Identifier: GPL-2.0
/* The platform shim for user space: libc allocation, a thread's current run. */
#include <stdlib.h>

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
