/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The ABI of sipdrv_test.ko, a module that exists only for tests: its misc
 * device /dev/sipdrv_test runs raw bytecode through sipdrv.ko's interpreter,
 * unverified, so that the conformance suite can be checked in the kernel.
 * It is never built by `make`, only by `make check`.
 *
 * SIPDRV_TEST_IOC_RUN (struct sipdrv_test_run, in/out): loads insns (with the
 * bpf_conformance helper table), copies mem into a kernel buffer, runs with
 * r1 = that buffer (0 when mem_len is 0) and r2 = mem_len, in the interpreter
 * (mode 0) or its checked mode (mode 1). The ioctl fails (-EINVAL, -EFAULT,
 * -ENOMEM) only for a bad request; a program refused at load sets load_error
 * and msg, and a run that faulted sets fault, fault_insn and msg.
 *
 * SIPDRV_TEST_IOC_STACK (struct sipdrv_test_stack, in/out): op PAINT fills
 * the calling task's kernel stack below this call's frame with a pattern;
 * op MEASURE says how deep the task's stack has been used since (bytes from
 * its top, the deepest word the pattern no longer holds). Between the two
 * the task makes the calls to measure (a ping through nested SIPs).
 */
#ifndef _SIPDRV_TEST_H
#define _SIPDRV_TEST_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define SIPDRV_TEST_DEVICE_PATH "/dev/sipdrv_test"
#define SIPDRV_TEST_MAX_INSNS 4096
#define SIPDRV_TEST_MAX_MEM 65536

struct sipdrv_test_run {
	__u64 insns;		/* in: user pointer to 8-byte instructions */
	__u64 mem;		/* in: user pointer to the memory (may be 0) */
	__u32 insn_cnt;		/* in */
	__u32 mem_len;		/* in */
	__u32 mode;		/* in: 0 interp, 1 checked, 2 jit (as a SIP handler) */
	__s32 load_error;	/* out: 0, or the negative errno of the refused load */
	__u64 r0;		/* out */
	__u32 fault;		/* out: enum sip_fault_kind (0: none) */
	__u32 insn;		/* out: the refused or faulting instruction */
	char msg[192];		/* out: why it was refused or faulted */
};

#define SIPDRV_TEST_IOC_RUN _IOWR(0xb6, 0x00, struct sipdrv_test_run)

enum sipdrv_test_stack_op {
	SIPDRV_TEST_STACK_PAINT,
	SIPDRV_TEST_STACK_MEASURE,
};

struct sipdrv_test_stack {
	__u32 op;		/* in: enum sipdrv_test_stack_op */
	__u32 size;		/* out: THREAD_SIZE, the whole stack */
	__u32 used;		/* out (MEASURE): deepest use since PAINT, bytes from the top */
	__u32 painted;		/* out (PAINT): bytes painted */
};

#define SIPDRV_TEST_IOC_STACK _IOWR(0xb6, 0x01, struct sipdrv_test_stack)

#ifdef __KERNEL__
/* stack_probe.c: SIPDRV_TEST_IOC_STACK, called by run_raw.c's ioctl. */
long sipdrv_test_stack_ioctl(void __user *uarg);
#endif

#endif /* _SIPDRV_TEST_H */
