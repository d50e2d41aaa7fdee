// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel stack a SIP run takes, nested deliveries included, stays within
 * the bound the README states ("What a driver cannot do"). A ping from the
 * kernel through a chain of relays (kernel -> relay-a -> relay-b -> relay-c
 * -> echo) nests as deep as the runtime lets it (SIP_NEST_MAX runs on one
 * stack; the rest go to the work item), on each engine; the pinging task's
 * stack is measured with sipdrv_test.ko's probe: painted before the ping,
 * read after.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "kselftest.h"
#include <uapi/sipdrv.h>
#include "../kmod/sipdrv_test.h"

#define TEST_KO "tests/kmod/sipdrv_test.ko"
#define SIPCTL "build/bin/sipctl"
#define DRIVERS "build/tests/host/drivers/"
/*
 * README, "What a driver cannot do": what SIP runs may add to the stack of
 * whoever sends to them, nested deliveries included (here: more than a bare
 * ioctl uses).
 */
#define STACK_BOUND 6144
#define PINGS 200

static int test_fd = -1, sip_fd = -1;

/* Runs a shell command built like printf; true when it exits with 0. */
static bool sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static bool sh(const char *fmt, ...)
{
	char cmd[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	return system(cmd) == 0;
}

static int stack_op(__u32 op, struct sipdrv_test_stack *st)
{
	memset(st, 0, sizeof(*st));
	st->op = op;
	return ioctl(test_fd, SIPDRV_TEST_IOC_STACK, st);
}

/*
 * The deepest stack use of a bare ioctl of /dev/sipdrv (the module's info),
 * the least of a few: one may take a page fault or an interrupt on the way.
 */
static int ioctl_stack(__u32 *used)
{
	struct sipdrv_test_stack st;
	struct sipdrv_info info = { 0 };
	int i;

	*used = ~0u;
	for (i = 0; i < 8; i++) {
		if (stack_op(SIPDRV_TEST_STACK_PAINT, &st) || ioctl(sip_fd, SIPDRV_IOC_INFO, &info) ||
		    stack_op(SIPDRV_TEST_STACK_MEASURE, &st))
			return -1;
		if (st.used < *used)
			*used = st.used;
	}
	return 0;
}

/* The pinging task's deepest stack use over PINGS round trips to @name. */
static int ping_stack(const char *name, __u32 size, __u32 *used)
{
	struct sipdrv_test_stack st;
	struct sipdrv_ping req = { .count = PINGS, .size = size };

	snprintf(req.target.name, sizeof(req.target.name), "%s", name);
	if (stack_op(SIPDRV_TEST_STACK_PAINT, &st))
		return -1;
	if (ioctl(sip_fd, SIPDRV_IOC_PING, &req))
		return -1;
	if (stack_op(SIPDRV_TEST_STACK_MEASURE, &st))
		return -1;
	*used = st.used;
	if (req.ok != PINGS)
		ksft_print_msg("%s: %u ok, %u errors\n", name, req.ok, req.errors);
	return req.ok == PINGS ? 0 : -1;
}

static void chain(const char *engine, __u32 base)
{
	__u32 used = 0, echo_used = 0;
	bool ok;

	ok = sh("for r in a b c; do " SIPCTL " load " DRIVERS "relay_$r.o --engine=%s > /dev/null || exit 1; done",
		engine) &&
	     sh(SIPCTL " load build/drivers/echo.o --engine=%s > /dev/null", engine) &&
	     sh(SIPCTL " connect relay-a:1 relay-b:0 > /dev/null && "
		SIPCTL " connect relay-b:1 relay-c:0 > /dev/null && "
		SIPCTL " connect relay-c:1 echo:0 > /dev/null");
	ksft_test_result(ok, "%s: relay-a -> relay-b -> relay-c -> echo loads and connects\n", engine);
	ok = ok && !ping_stack("relay-a", 4096, &used);
	ksft_print_msg("%s: a ping through the chain used %u bytes of the pinging task's stack, %u more than a bare ioctl\n",
		       engine, used, used - base);
	ksft_test_result(ok && used > base && used - base <= STACK_BOUND,
			 "%s: %u round trips through 3 relays, within %u bytes of kernel stack\n",
			 engine, PINGS, STACK_BOUND);
	sh("for s in relay-a relay-b relay-c echo; do " SIPCTL " unload $s > /dev/null; done");
	/* One SIP alone, for comparison: what the nesting adds. */
	ok = sh(SIPCTL " load build/drivers/echo.o --engine=%s > /dev/null", engine) &&
	     !ping_stack("echo", 4096, &echo_used);
	ksft_print_msg("%s: a ping to echo alone used %u bytes, %u more than a bare ioctl\n",
		       engine, echo_used, echo_used - base);
	ksft_test_result(ok && echo_used && echo_used <= used,
			 "%s: one SIP takes no more stack than the chain\n", engine);
	sh(SIPCTL " unload echo > /dev/null");
}

int main(void)
{
	__u32 base = 0, size = 0;
	struct sipdrv_test_stack st;
	int ko;

	ksft_print_header();
	ksft_set_plan(6);
	ko = open(TEST_KO, O_RDONLY | O_CLOEXEC);
	if (ko < 0 || syscall(SYS_finit_module, ko, "", 0))
		ksft_exit_fail_msg("loading %s: %s\n", TEST_KO, strerror(errno));
	close(ko);
	test_fd = open(SIPDRV_TEST_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	sip_fd = open(SIPDRV_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	if (test_fd < 0 || sip_fd < 0)
		ksft_exit_fail_msg("open: %s\n", strerror(errno));
	if (!stack_op(SIPDRV_TEST_STACK_MEASURE, &st))
		size = st.size;
	if (ioctl_stack(&base))
		ksft_exit_fail_msg("the stack probe: %s\n", strerror(errno));
	ksft_print_msg("a bare ioctl used %u bytes of the %u-byte stack\n", base, size);
	chain("interp", base);
	chain("jit", base);
	close(test_fd);
	close(sip_fd);
	if (syscall(SYS_delete_module, "sipdrv_test", O_NONBLOCK))
		ksft_exit_fail_msg("unloading sipdrv_test: %s\n", strerror(errno));
	ksft_finished();
}
