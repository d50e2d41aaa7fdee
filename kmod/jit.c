// SPDX-License-Identifier: GPL-2.0
/* The kernel's eBPF JIT as a SIP engine (being written: refused for now). */
#include <linux/kernel.h>

#include "sipdrv.h"

const struct sip_engine *sipdrv_jit_engine(char *msg, u32 size)
{
	snprintf(msg, size, "the jit engine is not available in this build; use --engine=interp");
	return NULL;
}
