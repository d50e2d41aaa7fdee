// SPDX-License-Identifier: GPL-2.0
/*
 * Numeric module parameters with a range: a value outside it (or not a
 * number) is refused, at insmod or when written in /sys/module/sipdrv/
 * parameters/, with a log line naming the parameter and its range; it is
 * never truncated or clamped into something else. Declared with
 * sipdrv_param_range() (sipdrv.h).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/string.h>

#include "sipdrv.h"

/* The largest value @r allows now: RAM in MiB for the memory budgets. */
static unsigned long range_max(const struct sipdrv_param_range *r)
{
	if (r->max == SIPDRV_PARAM_RAM_MB)
		return totalram_pages() >> (20 - PAGE_SHIFT);
	return r->max;
}

static int range_set(const char *val, const struct kernel_param *kp)
{
	const struct sipdrv_param_range *r = kp->arg;
	unsigned long v, max = range_max(r);
	int len = strcspn(val, "\n");

	if (kstrtoul(val, 0, &v) || v < r->min || v > max ||
	    (r->size == sizeof(unsigned int) && v > UINT_MAX)) {
		pr_err("parameter %s=%.*s refused: it must be a number from %lu to %lu%s%s\n",
		       kp->name, len, val, r->min, max, r->unit[0] ? " " : "", r->unit);
		return -EINVAL;
	}
	if (r->size == sizeof(unsigned int))
		WRITE_ONCE(*(unsigned int *)r->val, (unsigned int)v);
	else
		WRITE_ONCE(*(unsigned long *)r->val, v);
	return 0;
}

static int range_get(char *buf, const struct kernel_param *kp)
{
	const struct sipdrv_param_range *r = kp->arg;
	unsigned long v = r->size == sizeof(unsigned int) ? READ_ONCE(*(unsigned int *)r->val) :
			  READ_ONCE(*(unsigned long *)r->val);

	return scnprintf(buf, PAGE_SIZE, "%lu\n", v);
}

const struct kernel_param_ops sipdrv_param_range_ops = {
	.set = range_set,
	.get = range_get,
};
