/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The sipdrv driver SDK: include this in a driver written in restricted C and
 * build it with `clang -O2 -g -target bpf -c driver.c`.
 *
 *	#include <sipdrv/sip.h>
 *
 *	SIP_MANIFEST(.name = "hello", .fuel = 10000);
 *
 *	SIP_INIT(hello_init)
 *	{
 *		static const char msg[] = "hello";
 *
 *		sip_log(msg, sizeof(msg) - 1);
 *		return 0;
 *	}
 *
 * Handlers are functions in the sections of enum sip_entry_kind, declared
 * with SIP_INIT/SIP_MSG/SIP_IRQ/SIP_EXIT; they return 0 or a negative errno.
 * Global variables are the SIP's private memory. Exchange-heap blocks are
 * owned by one party at a time: after sip_send() returns 0, or after
 * sip_block_free(), the block is gone, and a block still owned when a handler
 * returns must have been put in a slot (sip_slot_xchg) — the verifier checks.
 *
 * One handler at a time. A driver's handlers never run at the same time,
 * on one CPU or several: a message that comes while one runs waits for it
 * to return (the runtime counts deliveries per instance and runs them one
 * after another, whoever sent them), and init runs before any message, exit
 * after the last. So its globals need no lock: a handler sees them as the
 * one before it left them, and a read-modify-write of a counter is safe as
 * plain C. Atomic operations (__sync_fetch_and_add) are allowed, and cost
 * more for nothing. Handlers may run on a different CPU each time; nothing
 * per CPU is the driver's to keep.
 *
 * Guide: docs/GUIDE.md (the patterns that verify, each refusal and its fix).
 */
#ifndef _SIPDRV_SIP_H
#define _SIPDRV_SIP_H

#include <sipdrv/abi.h>
#include <sipdrv/contracts.h>

#ifndef __bpf__
#error "sip.h is for drivers: compile with clang -target bpf"
#endif

#define __sip_section(s) __attribute__((section(s), used))

#define SIP_INIT(fn) __sip_section("sip/init") int fn(struct sip_init_ctx *ctx)
#define SIP_MSG(fn) __sip_section("sip/msg") int fn(struct sip_msg *msg)
#define SIP_IRQ(fn) __sip_section("sip/irq") int fn(struct sip_irq_ctx *irq)
#define SIP_EXIT(fn) __sip_section("sip/exit") int fn(struct sip_init_ctx *ctx)

/*
 * The driver's manifest: designated initialisers of struct sip_manifest,
 * e.g. SIP_MANIFEST(.name = "ramdisk", .dev_class = SIP_CLASS_BLOCK, ...).
 * Zero budgets take sipdrv's defaults.
 */
#define SIP_MANIFEST(...)						\
	const struct sip_manifest __sip_manifest __sip_section(".sip.manifest") = { \
		.magic = SIP_MANIFEST_MAGIC,				\
		.version = SIP_MANIFEST_VERSION,			\
		__VA_ARGS__						\
	}

/* The helpers: sip_block_alloc(), sip_send(), ... (see SIP_HELPERS). */
#define _SIP_HELPER_DECL(nr, name, ctype, params, ...)			\
	static ctype(*const sip_##name) params = (void *)nr;
SIP_HELPERS(_SIP_HELPER_DECL)
#undef _SIP_HELPER_DECL

#ifndef NULL
#define NULL ((void *)0)
#endif

/*
 * sip_printk(fmt, ...): a line in the kernel log, after the SIP's name, and
 * in the sipdrv:sipdrv_log tracepoint:
 *
 *	sip_printk("read %llu bytes at %llu: %d", len, off, err);
 *
 * The format is a string literal, or a constant array of the read-only
 * data: the verifier parses it there and checks each argument against its
 * conversion (a number; for %s a string of the read-only data). At most 4
 * conversions: %d %i %u %x %X %c %s (and %% for a '%'), with the flags -,
 * 0 and # (0x), a width up to 32, and l or ll for all 64 bits of a number. The
 * compiler checks the arguments as printf's. The line is one line (a final
 * newline is dropped, control characters become '?') of at most 200 bytes;
 * the kernel log takes at most 10 lines of a SIP per 5 seconds, the
 * tracepoint every line. Returns the line's length.
 */
#define sip_printk(fmt, ...)						\
	({								\
		_Static_assert(__sip_nargs(__VA_ARGS__) <= 4,		\
			       "sip_printk prints at most 4 arguments");	\
		if (0)							\
			__sip_printk_check(fmt, ##__VA_ARGS__);		\
		__sip_printk4(fmt, ##__VA_ARGS__, 0, 0, 0, 0);		\
	})
#define __sip_printk4(fmt, a, b, c, d, ...)				\
	((sip_printk)(fmt, (u64)(a), (u64)(b), (u64)(c), (u64)(d)))
#define __sip_nargs(...) __sip_nargs_(_, ##__VA_ARGS__, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#define __sip_nargs_(_, a, b, c, d, e, f, g, h, n, ...) n
/* Never defined, never called: only the compiler's printf checks. */
extern void __sip_printk_check(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Loops the verifier cannot see the end of still stop: the fuel budget. */
#define sip_likely(x) __builtin_expect(!!(x), 1)
#define sip_unlikely(x) __builtin_expect(!!(x), 0)

#endif /* _SIPDRV_SIP_H */
