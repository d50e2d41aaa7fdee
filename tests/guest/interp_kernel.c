// SPDX-License-Identifier: GPL-2.0
/*
 * The conformance suite through the interpreter compiled into sipdrv.ko
 * (reached through the test-only module sipdrv_test.ko), in both modes, plus
 * the kernel-side limits: reserved fields refused at load, the checked mode's
 * bounds on memory and on the 512-byte stack, and the call-depth limit.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "kselftest.h"
#include "bytecode_tsv.h"
#include "interp.h"
#include "../kmod/sipdrv_test.h"

#define TEST_KO "tests/kmod/sipdrv_test.ko"

static int dev_fd = -1;

static int run_in_kernel(const struct sip_insn *insns, u32 cnt, const void *mem, u32 mem_len,
			 u32 mode, struct sipdrv_test_run *req)
{
	memset(req, 0, sizeof(*req));
	req->insns = (unsigned long)insns;
	req->insn_cnt = cnt;
	req->mem = (unsigned long)mem;
	req->mem_len = mem_len;
	req->mode = mode;
	return ioctl(dev_fd, SIPDRV_TEST_IOC_RUN, req);
}

static void conformance(const char *path, int total)
{
	struct sip_tsv_entry e = { 0 };
	int passed = 0, ret;
	FILE *f = fopen(path, "r");

	if (!f) {
		ksft_test_result_fail("cannot open %s\n", path);
		return;
	}
	while ((ret = sip_tsv_next(f, &e)) > 0) {
		int mode, ok = 1;

		for (mode = 0; mode < 2; mode++) {
			struct sipdrv_test_run req;

			if (run_in_kernel(e.insns, e.insn_cnt, e.mem, e.mem_len, mode, &req)) {
				ksft_print_msg("%s: ioctl: %s\n", e.name, strerror(errno));
				ok = 0;
			} else if (req.load_error || req.fault) {
				ksft_print_msg("%s (mode %d): insn %u: %s\n", e.name, mode, req.insn, req.msg);
				ok = 0;
			} else if (req.r0 != e.expected) {
				ksft_print_msg("%s (mode %d): r0 = %#llx, expected %#llx\n", e.name, mode,
					       (unsigned long long)req.r0, e.expected);
				ok = 0;
			}
		}
		passed += ok;
		ksft_test_result(ok, "kernel: %s\n", e.name);
	}
	if (ret < 0)
		ksft_test_result_fail("malformed line in %s\n", path);
	sip_tsv_entry_free(&e);
	fclose(f);
	ksft_print_msg("%d of %d conformance programs pass in the kernel (interp and checked)\n",
		       passed, total);
}

/*
 * The JIT engine against the interpreter: every program that fits a SIP
 * handler on this kernel's JIT (no helper, only r1 at entry, no sdiv/smod)
 * gives the expected result (a native handler returns 32 bits).
 */
static void jit_same_results(const char *path, int total)
{
	struct sip_tsv_entry e = { 0 };
	int fit = 0, same = 0, ret;
	FILE *f = fopen(path, "r");
	bool ok = true;

	if (!f) {
		ksft_test_result_fail("cannot open %s\n", path);
		return;
	}
	while ((ret = sip_tsv_next(f, &e)) > 0) {
		struct sipdrv_test_run req;

		if (run_in_kernel(e.insns, e.insn_cnt, e.mem, e.mem_len, 2, &req)) {
			ksft_print_msg("%s: ioctl: %s\n", e.name, strerror(errno));
			ok = false;
			continue;
		}
		if (req.load_error == -EOPNOTSUPP)
			continue;
		fit++;
		if (req.load_error || req.r0 != (u32)e.expected) {
			ksft_print_msg("%s (jit): load %d r0 %#llx, expected %#llx: %s\n", e.name,
				       req.load_error, (unsigned long long)req.r0,
				       (unsigned long long)(u32)e.expected, req.msg);
			ok = false;
			continue;
		}
		same++;
	}
	sip_tsv_entry_free(&e);
	fclose(f);
	ksft_print_msg("jit engine: %d of %d conformance programs fit a handler; %d give the interpreter's result\n",
		       fit, total, same);
	ksft_test_result(ok && fit > 200 && same == fit,
			 "the JIT engine gives the interpreter's results on every program that fits\n");
}

#define INSN(c, d, s, o, i) ((struct sip_insn){ .code = (c), .dst = (d), .src = (s), .off = (o), .imm = (i) })
#define EXIT INSN(SIP_JMP | SIP_EXIT, 0, 0, 0, 0)

/* Expects the program to run in @mode and fault with @kind. */
static void expect_fault(const char *name, const struct sip_insn *insns, u32 cnt, u32 mode, u32 kind)
{
	static unsigned char mem[64];
	struct sipdrv_test_run req;
	int ok;

	ok = !run_in_kernel(insns, cnt, mem, sizeof(mem), mode, &req) && !req.load_error &&
	     req.fault == kind;
	if (!ok)
		ksft_print_msg("%s: load_error %d fault %u (%s), expected fault %u\n", name,
			       req.load_error, req.fault, req.msg, kind);
	ksft_test_result(ok, "%s\n", name);
}

static void limits(void)
{
	struct sipdrv_test_run req;
	const struct sip_insn reserved[] = {
		INSN(SIP_ALU | SIP_K | SIP_ADD, 0, 0, 1, 1), EXIT,
	};
	const struct sip_insn mem_oob[] = {
		INSN(SIP_LDX | SIP_MEM | SIP_DW, 0, 1, 64 - 7, 0), EXIT,
	};
	const struct sip_insn mem_last[] = {
		INSN(SIP_LDX | SIP_MEM | SIP_DW, 0, 1, 64 - 8, 0), EXIT,
	};
	const struct sip_insn stack_oob[] = {
		INSN(SIP_STX | SIP_MEM | SIP_DW, SIP_REG_FP, 1, -SIP_STACK_SIZE - 8, 0),
		INSN(SIP_ALU64 | SIP_K | SIP_MOV, 0, 0, 0, 0), EXIT,
	};
	const struct sip_insn stack_bottom[] = {
		INSN(SIP_STX | SIP_MEM | SIP_DW, SIP_REG_FP, 1, -SIP_STACK_SIZE, 0),
		INSN(SIP_LDX | SIP_MEM | SIP_DW, 0, SIP_REG_FP, -SIP_STACK_SIZE, 0), EXIT,
	};
	const struct sip_insn recurse[] = {
		INSN(SIP_JMP | SIP_CALL, 0, SIP_CALL_LOCAL, 0, -1), EXIT,
	};
	int ok;

	ok = !run_in_kernel(reserved, 2, NULL, 0, 0, &req) && req.load_error == -EINVAL &&
	     strstr(req.msg, "reserved field off is 1, must be 0");
	if (!ok)
		ksft_print_msg("load_error %d msg '%s'\n", req.load_error, req.msg);
	ksft_test_result(ok, "kernel refuses a non-zero reserved field at load\n");

	expect_fault("checked mode stops a load past the memory", mem_oob, 2, 1, SIP_FAULT_MEM);
	ok = !run_in_kernel(mem_last, 2, (unsigned char[64]){ [56] = 0x2a }, 64, 1, &req) &&
	     !req.fault && req.r0 == 0x2a;
	ksft_test_result(ok, "checked mode allows the last 8 bytes of the memory\n");
	expect_fault("checked mode stops a store below the 512-byte stack", stack_oob, 3, 1,
		     SIP_FAULT_MEM);
	ok = !run_in_kernel(stack_bottom, 3, NULL, 0, 1, &req) && !req.fault && req.r0 == 0;
	ksft_test_result(ok, "checked mode allows the stack's lowest slot\n");
	expect_fault("unbounded recursion stops at the call-depth limit (interp)", recurse, 2, 0,
		     SIP_FAULT_CALL_DEPTH);
	expect_fault("unbounded recursion stops at the call-depth limit (checked)", recurse, 2, 1,
		     SIP_FAULT_CALL_DEPTH);
}

#define NR_LIMITS 8

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "tests/bpf_conformance/bytecode.tsv";
	int total = sip_tsv_count(path), ko;

	ksft_print_header();
	if (total <= 0)
		ksft_exit_fail_msg("cannot read %s\n", path);
	ksft_set_plan(total + NR_LIMITS);

	ko = open(TEST_KO, O_RDONLY | O_CLOEXEC);
	if (ko < 0 || syscall(SYS_finit_module, ko, "", 0))
		ksft_exit_fail_msg("loading %s: %s\n", TEST_KO, strerror(errno));
	close(ko);
	dev_fd = open(SIPDRV_TEST_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	if (dev_fd < 0)
		ksft_exit_fail_msg("open %s: %s\n", SIPDRV_TEST_DEVICE_PATH, strerror(errno));

	conformance(path, total);
	limits();
	jit_same_results(path, total);

	close(dev_fd);
	if (syscall(SYS_delete_module, "sipdrv_test", O_NONBLOCK))
		ksft_exit_fail_msg("unloading sipdrv_test: %s\n", strerror(errno));
	ksft_finished();
}
