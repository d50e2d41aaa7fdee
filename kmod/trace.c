// SPDX-License-Identifier: GPL-2.0
/* Instantiates sipdrv's tracepoints (trace.h) and the runtime's hooks into them. */
#define CREATE_TRACE_POINTS
#include "trace.h"

#include <linux/jump_label.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include "platform.h"

/*
 * sip_timing (tested on every message, platform.h): the handler_time
 * parameter, or the msg tracepoint enabled (its reg/unreg callbacks). A
 * static key, as the tracepoints' own: the test reads no memory.
 */
DEFINE_STATIC_KEY_FALSE(sip_timing);
static DEFINE_MUTEX(timing_lock);
static bool handler_time, msg_traced;

static void timing_update(void)
{
	mutex_lock(&timing_lock);
	if (READ_ONCE(handler_time) || READ_ONCE(msg_traced))
		static_branch_enable(&sip_timing);
	else
		static_branch_disable(&sip_timing);
	mutex_unlock(&timing_lock);
}

static int handler_time_set(const char *val, const struct kernel_param *kp)
{
	int ret = param_set_bool(val, kp);

	timing_update();
	return ret;
}

static const struct kernel_param_ops handler_time_ops = {
	.set = handler_time_set,
	.get = param_get_bool,
};
module_param_cb(handler_time, &handler_time_ops, &handler_time, 0644);
MODULE_PARM_DESC(handler_time,
		 "time every handler run for the statistics (costs two clock reads per message; default off)");

int sipdrv_msg_reg(void)
{
	WRITE_ONCE(msg_traced, true);
	timing_update();
	return 0;
}

void sipdrv_msg_unreg(void)
{
	WRITE_ONCE(msg_traced, false);
	timing_update();
}

void sip_trace_msg(const char *name, u32 chan, u32 tag, u32 block_size, u64 ns)
{
	trace_sipdrv_msg(name, chan, tag, block_size, ns);
}

void sip_trace_fault(const char *name, u32 reason, const char *what)
{
	trace_sipdrv_fault(name, reason, what);
}
