/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The platform shim: everything portable sipdrv code (verifier/,
 * sipdrv_runtime/, channels/, sip/) needs from its host, for the kernel and for
 * user space. Portable files include this and nothing from Linux or libc.
 */
#ifndef _SIPDRV_PLATFORM_H
#define _SIPDRV_PLATFORM_H

#include <sipdrv/types.h>

/* For the few small functions on the message path that must not be calls. */
#define sip_always_inline __always_inline
/*
 * Every call inside inlined where the callee's body is in the unit (the hot
 * paths: the kernel builds the message path as one unit, kmod/msgpath.c),
 * except into sip_noinline functions: the cold and the big ones.
 */
#define sip_flatten __attribute__((__flatten__))
#define sip_noinline __attribute__((__noinline__))
/* Out of line and out of the way: refusals and faults. */
#define sip_cold __attribute__((__noinline__, __cold__))

/*
 * For a large local on the message path that is written before it is read:
 * not zeroed at function entry by the kernel's CONFIG_INIT_STACK_ALL_ZERO
 * (a rep stos of a few hundred bytes per message). What must stay true:
 * on every path, each byte of it that is read, and each byte that reaches a
 * SIP (a delivered message's struct sip_msg), is written first; otherwise
 * a SIP would see the kernel's stale stack.
 */
#if defined(__has_attribute)
#if __has_attribute(__uninitialized__)
#define sip_noinit __attribute__((__uninitialized__))
#endif
#endif
#ifndef sip_noinit
#define sip_noinit
#endif

#ifdef __KERNEL__
#include <asm/byteorder.h>
#include <linux/atomic.h>
#include <linux/spinlock.h>
#include <linux/compiler.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/indirect_call_wrapper.h>
#include <linux/jump_label.h>
#include <linux/math64.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/string.h>

#define sip_snprintf snprintf
#define sip_vsnprintf vsnprintf

/*
 * A plain spinlock: SIPs run, and their channels and heap are used, only in
 * process context (interrupts will reach SIPs through threads; blk-mq calls
 * queue_rq and its timeout handler in process context). Disabling
 * interrupts, or bottom halves, around the short sections of a block I/O
 * cost up to a tenth of its CPU time. A path from softirq or hard-IRQ
 * context must not take one (lockdep would say so).
 */
struct sip_lock {
	spinlock_t lock;
};

/*
 * A macro, as spin_lock_init() is: each call site has its own lockdep class
 * (one per kind of lock: a channel's, a heap's), so that lockdep checks the
 * order between kinds. A channel's lock is taken before its heap's; no lock
 * is taken under a heap's, and no two of one kind are ever held at once.
 */
#define sip_lock_init(l) spin_lock_init(&(l)->lock)
static inline void sip_lock(struct sip_lock *l) { spin_lock(&l->lock); }
static inline void sip_unlock(struct sip_lock *l) { spin_unlock(&l->lock); }
/* Unlocks, preemption still off until sip_unpin(). */
static inline void sip_unlock_pinned(struct sip_lock *l)
{
	preempt_disable();
	spin_unlock(&l->lock);
}
static inline void sip_unpin(void) { preempt_enable(); }
static inline void sip_pin(void) { preempt_disable(); }
/*
 * A section pinned by sip_unlock_pinned is one that a lender's wait for SIP
 * runs (an RCU grace period, see xheap_revoke) waits out too.
 */
#define SIP_PINNED_WAITED_OUT	1

#define sip_load_acquire(p) smp_load_acquire(p)
#define sip_store_release(p, v) smp_store_release(p, v)

static inline u64 sip_div64_u64(u64 a, u64 b) { return div64_u64(a, b); }
static inline s64 sip_div64_s64(s64 a, s64 b) { return div64_s64(a, b); }
static inline u64 sip_mod64_u64(u64 a, u64 b)
{
	u64 rem;

	div64_u64_rem(a, b, &rem);
	return rem;
}

#define sip_cpu_to_le16(x) ((__force u16)cpu_to_le16(x))
#define sip_cpu_to_le32(x) ((__force u32)cpu_to_le32(x))
#define sip_cpu_to_le64(x) ((__force u64)cpu_to_le64(x))
#define sip_cpu_to_be16(x) ((__force u16)cpu_to_be16(x))
#define sip_cpu_to_be32(x) ((__force u32)cpu_to_be32(x))
#define sip_cpu_to_be64(x) ((__force u64)cpu_to_be64(x))

/* Atomics on SIP memory: the kernel's own, on plain integers. */
#define SIP_ATOMIC_OPS(op)							\
static inline u32 sip_atomic_fetch_##op##32(u32 *p, u32 v)			\
{ return (u32)atomic_fetch_##op((int)v, (atomic_t *)p); }			\
static inline u64 sip_atomic_fetch_##op##64(u64 *p, u64 v)			\
{ return (u64)atomic64_fetch_##op((s64)v, (atomic64_t *)p); }
SIP_ATOMIC_OPS(add)
SIP_ATOMIC_OPS(or)
SIP_ATOMIC_OPS(and)
SIP_ATOMIC_OPS(xor)
#undef SIP_ATOMIC_OPS
static inline u32 sip_atomic_xchg32(u32 *p, u32 v)
{ return (u32)atomic_xchg((atomic_t *)p, (int)v); }
static inline u64 sip_atomic_xchg64(u64 *p, u64 v)
{ return (u64)atomic64_xchg((atomic64_t *)p, (s64)v); }
static inline u32 sip_atomic_cmpxchg32(u32 *p, u32 old, u32 new)
{ return (u32)atomic_cmpxchg((atomic_t *)p, (int)old, (int)new); }
static inline u64 sip_atomic_cmpxchg64(u64 *p, u64 old, u64 new)
{ return (u64)atomic64_cmpxchg((atomic64_t *)p, (s64)old, (s64)new); }

#else /* user space */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define sip_snprintf snprintf
#define sip_vsnprintf vsnprintf

struct sip_lock {
	pthread_mutex_t m;
};

#define sip_load_acquire(p) __atomic_load_n(p, __ATOMIC_ACQUIRE)
#define sip_store_release(p, v) __atomic_store_n(p, v, __ATOMIC_RELEASE)

static inline void sip_lock_init(struct sip_lock *l) { pthread_mutex_init(&l->m, NULL); }
static inline void sip_lock(struct sip_lock *l) { pthread_mutex_lock(&l->m); }
static inline void sip_unlock(struct sip_lock *l) { pthread_mutex_unlock(&l->m); }
/* No preemption to hold off, and no grace period that would wait for it. */
static inline void sip_unlock_pinned(struct sip_lock *l) { pthread_mutex_unlock(&l->m); }
static inline void sip_unpin(void) { }
static inline void sip_pin(void) { }
#define SIP_PINNED_WAITED_OUT	0

#ifndef likely
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#endif
#ifndef __always_inline
#define __always_inline inline __attribute__((__always_inline__))
#endif
#ifndef __printf
#define __printf(a, b) __attribute__((format(printf, a, b)))
#endif
#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/*
 * Errors in pointers, as the kernel's <linux/err.h>: a constructor returns
 * its object or ERR_PTR(-errno), the top 4095 addresses, which no object
 * has.
 */
#ifndef MAX_ERRNO
#define MAX_ERRNO 4095
static inline void *ERR_PTR(long error) { return (void *)error; }
static inline long PTR_ERR(const void *ptr) { return (long)ptr; }
static inline bool IS_ERR(const void *ptr)
{
	return unlikely((unsigned long)ptr >= (unsigned long)-MAX_ERRNO);
}
static inline bool IS_ERR_OR_NULL(const void *ptr) { return unlikely(!ptr) || IS_ERR(ptr); }
#endif
#define __annotate_jump_table

static inline u64 sip_div64_u64(u64 a, u64 b) { return a / b; }
static inline s64 sip_div64_s64(s64 a, s64 b) { return a / b; }
static inline u64 sip_mod64_u64(u64 a, u64 b) { return a % b; }

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define sip_cpu_to_le16(x) ((u16)(x))
#define sip_cpu_to_le32(x) ((u32)(x))
#define sip_cpu_to_le64(x) ((u64)(x))
#define sip_cpu_to_be16(x) __builtin_bswap16((u16)(x))
#define sip_cpu_to_be32(x) __builtin_bswap32((u32)(x))
#define sip_cpu_to_be64(x) __builtin_bswap64((u64)(x))
#else
#define sip_cpu_to_le16(x) __builtin_bswap16((u16)(x))
#define sip_cpu_to_le32(x) __builtin_bswap32((u32)(x))
#define sip_cpu_to_le64(x) __builtin_bswap64((u64)(x))
#define sip_cpu_to_be16(x) ((u16)(x))
#define sip_cpu_to_be32(x) ((u32)(x))
#define sip_cpu_to_be64(x) ((u64)(x))
#endif

/* Atomics on SIP memory: the compiler's, sequentially consistent. */
#define SIP_ATOMIC_OPS(op)							\
static inline u32 sip_atomic_fetch_##op##32(u32 *p, u32 v)			\
{ return __atomic_fetch_##op(p, v, __ATOMIC_SEQ_CST); }			\
static inline u64 sip_atomic_fetch_##op##64(u64 *p, u64 v)			\
{ return __atomic_fetch_##op(p, v, __ATOMIC_SEQ_CST); }
SIP_ATOMIC_OPS(add)
SIP_ATOMIC_OPS(or)
SIP_ATOMIC_OPS(and)
SIP_ATOMIC_OPS(xor)
#undef SIP_ATOMIC_OPS
static inline u32 sip_atomic_xchg32(u32 *p, u32 v)
{ return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST); }
static inline u64 sip_atomic_xchg64(u64 *p, u64 v)
{ return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST); }
static inline u32 sip_atomic_cmpxchg32(u32 *p, u32 old, u32 new)
{
	__atomic_compare_exchange_n(p, &old, new, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
	return old;
}
static inline u64 sip_atomic_cmpxchg64(u64 *p, u64 old, u64 new)
{
	__atomic_compare_exchange_n(p, &old, new, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
	return old;
}
#endif

#ifndef __annotate_jump_table
#define __annotate_jump_table
#endif

/* Memory for the runtime's own objects; zeroed. NULL when out of memory. */
void *sip_zalloc(unsigned long size);
void sip_free(void *ptr);

/*
 * Page-aligned memory for the exchange heap, zeroed: one region that a
 * user-space domain can later map (vmalloc in the kernel, mmap outside).
 */
void *sip_region_alloc(unsigned long size);
void sip_region_free(void *ptr, unsigned long size);
/*
 * The same, for memory a SIP asks for (sip_grant), where the caller may
 * sleep: charged to the caller's memory cgroup, and NULL rather than an
 * OOM kill when the memory is not there. Freed with sip_region_free.
 */
void *sip_region_alloc_noretry(unsigned long size);

/*
 * Where the caller may sleep: returns once every SIP run under way when it
 * was called has ended (kernel: an RCU grace period, since runs are
 * preempt-disabled or pinned sections). User space runs SIPs in tests
 * only, none of which frees memory under a run: nothing to wait for.
 */
void sip_wait_runs(void);

/* Monotonic nanoseconds. */
u64 sip_time_ns(void);

/*
 * The CRC-32 of IEEE 802.3 (zlib's crc32(), reflected, inverted before and
 * after) of @len bytes at @p, going on from @crc, the CRC of what came
 * before (0 to start). Kernel: crc32_le; user space: a table.
 */
u32 sip_crc32(u32 crc, const void *p, unsigned long len);

/*
 * Around every handler run: in the kernel, preemption is off while a SIP
 * runs (its per-CPU current run must stay put; handlers never sleep).
 */
#ifdef __KERNEL__
static inline void sip_exec_enter(void) { preempt_disable(); }
static inline void sip_exec_exit(void) { preempt_enable(); }
#else
void sip_exec_enter(void);
void sip_exec_exit(void);
#endif

/*
 * SIP runs nested on this stack. In the kernel, counted per CPU by pinned
 * runs only: while one is under way nothing else runs on its CPU, and a
 * run that is not pinned (init) is the bottom of its stack, like
 * any kernel caller. In user space, per thread.
 */
#ifdef __KERNEL__
DECLARE_PER_CPU(u32, sip_nest);
static inline u32 sip_nest_depth(void) { return this_cpu_read(sip_nest); }
static inline void sip_nest_enter(void) { this_cpu_inc(sip_nest); }
static inline void sip_nest_exit(void) { this_cpu_dec(sip_nest); }
#else
extern __thread u32 sip_nest;
static inline u32 sip_nest_depth(void) { return sip_nest; }
static inline void sip_nest_enter(void) { sip_nest++; }
static inline void sip_nest_exit(void) { sip_nest--; }
#endif

/*
 * Work deferred to a context of its own, where the scheduler may preempt it
 * between the pinned sections it runs (kernel: a work item of sipdrv's
 * unbound workqueue; user space: a worker thread). sip_defer_queue() of a
 * queued item does nothing; of a running one, runs it again afterwards.
 * sip_defer_sync() waits until it is neither queued nor running (it may
 * sleep). sip_resched() lets others run (cond_resched); sip_sleep_ms()
 * sleeps.
 */
struct sip_defer;
typedef void (*sip_defer_fn)(struct sip_defer *d);
#ifdef __KERNEL__
#include <linux/workqueue.h>
struct sip_defer {
	struct work_struct work;
	sip_defer_fn fn;
};
#else
struct sip_defer {
	struct sip_defer *next;		/* in the worker's queue */
	sip_defer_fn fn;
	bool queued, running;		/* under the worker's lock */
};
#endif
#ifdef __KERNEL__
int sip_platform_init(void);	/* the workqueue: module init and exit */
void sip_platform_uninit(void);
#endif
void sip_defer_init(struct sip_defer *d, sip_defer_fn fn);
void sip_defer_queue(struct sip_defer *d);
void sip_defer_sync(struct sip_defer *d);
void sip_resched(void);
void sip_sleep_ms(u32 ms);

/*
 * Whether handler runs are timed for the statistics (run_ns) and the msg
 * tracepoint. Off by default, as the kernel's bpf_stats_enabled: two clock
 * reads per message. Kernel: the handler_time module parameter, or the
 * sipdrv_msg tracepoint enabled; user space: sip_handler_time.
 */
#ifdef __KERNEL__
DECLARE_STATIC_KEY_FALSE(sip_timing);
static inline bool sip_time_handlers(void) { return static_branch_unlikely(&sip_timing); }
#else
bool sip_time_handlers(void);
extern bool sip_handler_time;
#endif

/* Tracepoints (kernel: sipdrv:sipdrv_msg, sipdrv:sipdrv_fault; user: nothing). */
void sip_trace_msg(const char *name, u32 chan, u32 tag, u32 block_size, u64 ns);
void sip_trace_fault(const char *name, u32 reason, const char *what);

/* A message for the log from the runtime (kernel: printk; user: stderr). */
void sip_log_text(const char *prefix, const char *text, u32 len);

struct sip_run;
/*
 * The run (see interp.h) executing in this task (kernel) or thread (user
 * space); helpers use it to reach
 * the SIP that called them. sip_run_set_current() returns the previous one so
 * that nested runs restore it.
 */
#ifdef __KERNEL__
#include <linux/sched.h>
#if !IS_ENABLED(CONFIG_BPF_SYSCALL)
#error "sipdrv needs CONFIG_BPF_SYSCALL: a SIP's run is a BPF program's run (current->bpf_ctx)"
#endif
/*
 * The task's BPF run context, which the kernel's own BPF program runs set
 * for their helpers (bpf_set_run_ctx): a SIP's run is a BPF program's run.
 * In the task, not per CPU: no page of the module's per-CPU data on a
 * message's path. Nothing else reads it but the helpers of whoever set it
 * (an eBPF program run nested in ours, a kprobe's, sets and restores its
 * own). struct bpf_run_ctx is empty: the pointer is the run's.
 */
static inline struct sip_run *sip_run_current(void)
{
	return (struct sip_run *)current->bpf_ctx;
}
static inline struct sip_run *sip_run_set_current(struct sip_run *run)
{
	struct sip_run *prev = (struct sip_run *)current->bpf_ctx;

	current->bpf_ctx = (struct bpf_run_ctx *)run;
	return prev;
}
#else
struct sip_run *sip_run_current(void);
struct sip_run *sip_run_set_current(struct sip_run *run);
#endif

/*
 * An indirect call that is most often to @f1 (or @f2): compared first, called
 * directly (the kernel's INDIRECT_CALL_*: no retpoline on the hot path).
 */
#ifdef __KERNEL__
#define SIP_INDIRECT_CALL_1(f, f1, ...) INDIRECT_CALL_1(f, f1, __VA_ARGS__)
#define SIP_INDIRECT_CALL_2(f, f2, f1, ...) INDIRECT_CALL_2(f, f2, f1, __VA_ARGS__)
#else
#define SIP_INDIRECT_CALL_1(f, f1, ...) ((f)(__VA_ARGS__))
#define SIP_INDIRECT_CALL_2(f, f2, f1, ...) ((f)(__VA_ARGS__))
#endif
/*
 * Runs the block @call1 if @f is @f1 (a usual target above), else @call:
 * for a call whose arguments are built for that target alone.
 */
#ifdef __KERNEL__
#define SIP_IF_TARGET(f, f1, call1, call)	\
	do {					\
		if (likely((f) == (f1)))	\
			call1			\
		else				\
			call			\
	} while (0)
#else
#define SIP_IF_TARGET(f, f1, call1, call) do { call } while (0)
#endif

#endif /* _SIPDRV_PLATFORM_H */
