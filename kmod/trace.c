// SPDX-License-Identifier: GPL-2.0
/* Instantiates sipdrv's tracepoints (trace.h) and the runtime's hooks into them. */
#define CREATE_TRACE_POINTS
#include "trace.h"

#include <linux/module.h>
#include "platform.h"

static bool handler_time;
module_param(handler_time, bool, 0644);
MODULE_PARM_DESC(handler_time,
		 "time every handler run for the statistics (costs two clock reads per message; default off)");

bool sip_time_handlers(void)
{
	return READ_ONCE(handler_time) || trace_sipdrv_msg_enabled();
}

void sip_trace_msg(const char *name, u32 chan, u32 tag, u32 block_size, u64 ns)
{
	trace_sipdrv_msg(name, chan, tag, block_size, ns);
}

void sip_trace_fault(const char *name, u32 reason, const char *what)
{
	trace_sipdrv_fault(name, reason, what);
}
