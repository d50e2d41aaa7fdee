// SPDX-License-Identifier: GPL-2.0
/* Instantiates sipdrv's tracepoints (trace.h) and the runtime's hooks into them. */
#define CREATE_TRACE_POINTS
#include "trace.h"

#include "platform.h"

void sip_trace_msg(const char *name, u32 chan, u32 tag, u32 block_size, u64 ns)
{
	trace_sipdrv_msg(name, chan, tag, block_size, ns);
}

void sip_trace_fault(const char *name, u32 reason, const char *what)
{
	trace_sipdrv_fault(name, reason, what);
}
