/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sipdrv's tracepoints: a SIP loaded, a message handled, a fault, a line a
 * SIP logged, an unload. For perf and bpftrace: "perf trace -e sipdrv:*",
 * "bpftrace -e 'tracepoint:sipdrv:sipdrv_fault { printf(\"%s\\n\", str(args->what)); }'".
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM sipdrv

#if !defined(_SIPDRV_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _SIPDRV_TRACE_H

#include <linux/tracepoint.h>

/* Enabling sipdrv_msg turns handler timing on (trace.c). */
int sipdrv_msg_reg(void);
void sipdrv_msg_unreg(void);

TRACE_EVENT(sipdrv_load,
	TP_PROTO(const char *name, u32 id, const char *engine, const char *device),
	TP_ARGS(name, id, engine, device),
	TP_STRUCT__entry(
		__string(name, name)
		__field(u32, id)
		__string(engine, engine)
		__string(device, device)
	),
	TP_fast_assign(
		__assign_str(name, name);
		__entry->id = id;
		__assign_str(engine, engine);
		__assign_str(device, device);
	),
	TP_printk("%s id=%u engine=%s device=%s", __get_str(name), __entry->id,
		  __get_str(engine), __get_str(device))
);

TRACE_EVENT(sipdrv_unload,
	TP_PROTO(const char *name, u32 id),
	TP_ARGS(name, id),
	TP_STRUCT__entry(
		__string(name, name)
		__field(u32, id)
	),
	TP_fast_assign(
		__assign_str(name, name);
		__entry->id = id;
	),
	TP_printk("%s id=%u", __get_str(name), __entry->id)
);

TRACE_EVENT_FN(sipdrv_msg,
	TP_PROTO(const char *name, u32 chan, u32 tag, u32 block_size, u64 ns),
	TP_ARGS(name, chan, tag, block_size, ns),
	TP_STRUCT__entry(
		__string(name, name)
		__field(u32, chan)
		__field(u32, tag)
		__field(u32, block_size)
		__field(u64, ns)
	),
	TP_fast_assign(
		__assign_str(name, name);
		__entry->chan = chan;
		__entry->tag = tag;
		__entry->block_size = block_size;
		__entry->ns = ns;
	),
	TP_printk("%s chan=%u tag=%u block=%u ns=%llu", __get_str(name), __entry->chan,
		  __entry->tag, __entry->block_size, __entry->ns),
	sipdrv_msg_reg, sipdrv_msg_unreg
);

TRACE_EVENT(sipdrv_fault,
	TP_PROTO(const char *name, u32 reason, const char *what),
	TP_ARGS(name, reason, what),
	TP_STRUCT__entry(
		__string(name, name)
		__field(u32, reason)
		__string(what, what)
	),
	TP_fast_assign(
		__assign_str(name, name);
		__entry->reason = reason;
		__assign_str(what, what);
	),
	TP_printk("%s reason=%u: %s", __get_str(name), __entry->reason, __get_str(what))
);

/* Every line a SIP logs (sip_log, sip_printk), where the kernel log is rate-limited. */
TRACE_EVENT(sipdrv_log,
	TP_PROTO(const char *name, const char *text, u32 len),
	TP_ARGS(name, text, len),
	TP_STRUCT__entry(
		__string(name, name)
		__dynamic_array(char, text, len + 1)
	),
	TP_fast_assign(
		__assign_str(name, name);
		memcpy(__get_dynamic_array(text), text, len);
		((char *)__get_dynamic_array(text))[len] = 0;
	),
	TP_printk("%s: %s", __get_str(name), __get_str(text))
);

#endif /* _SIPDRV_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
