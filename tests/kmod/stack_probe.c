// SPDX-License-Identifier: GPL-2.0
/*
 * sipdrv_test.ko's stack probe (SIPDRV_TEST_IOC_STACK, see sipdrv_test.h):
 * how deep a task's kernel stack goes between two calls, by painting the
 * unused part and finding later how much of the paint is gone. Test-only.
 */
#include <linux/sched/task_stack.h>
#include <linux/uaccess.h>

#include "sipdrv_test.h"

#define PAINT 0x5a17c4ad5a17c4adul
/* Left alone below the probe's own frame: what it still uses to return. */
#define PAINT_GAP 256

static unsigned long stack_top(void)
{
	return (unsigned long)task_stack_page(current) + THREAD_SIZE;
}

/* Not instrumented: the words below the stack pointer are no variable's. */
static noinline __no_sanitize_address u32 paint(void)
{
	unsigned long *p = end_of_stack(current) + 1;
	unsigned long *sp = (unsigned long *)(current_stack_pointer - PAINT_GAP);
	u32 n = 0;

	for (; p < sp; p++, n += sizeof(*p))
		*p = PAINT;
	return n;
}

static noinline __no_sanitize_address u32 measure(void)
{
	unsigned long *p = end_of_stack(current) + 1;

	while ((unsigned long)p < stack_top() && *p == PAINT)
		p++;
	return (u32)(stack_top() - (unsigned long)p);
}

long sipdrv_test_stack_ioctl(void __user *uarg)
{
	struct sipdrv_test_stack req;

	if (copy_from_user(&req, uarg, sizeof(req)))
		return -EFAULT;
	req.size = THREAD_SIZE;
	req.used = req.painted = 0;
	switch (req.op) {
	case SIPDRV_TEST_STACK_PAINT:
		req.painted = paint();
		break;
	case SIPDRV_TEST_STACK_MEASURE:
		req.used = measure();
		break;
	default:
		return -EINVAL;
	}
	return copy_to_user(uarg, &req, sizeof(req)) ? -EFAULT : 0;
}
