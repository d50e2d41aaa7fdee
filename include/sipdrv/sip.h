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

/* Loops the verifier cannot see the end of still stop: the fuel budget. */
#define sip_likely(x) __builtin_expect(!!(x), 1)
#define sip_unlikely(x) __builtin_expect(!!(x), 0)

#endif /* _SIPDRV_SIP_H */
