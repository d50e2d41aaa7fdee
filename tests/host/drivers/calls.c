// SPDX-License-Identifier: GPL-2.0
/*
 * Test driver of image_test: private data of every kind (.data, .bss,
 * .rodata, .rodata.cst32, a string literal in .rodata.str1.1) and .text
 * functions (static and global, one calling the other) shared by two
 * entries. The "LINE:" comments mark the lines the test looks for.
 */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "calls", .nr_slots = 2, .fuel = 500, .nr_params = 1,
	     .params = { { .name = "base", .def = 5, .min = 1, .max = 100 } });

u64 scale = 3;				/* .data, relocated against its own symbol */
static u64 counter;			/* .bss, relocated against the section */
static volatile u64 seen[4];		/* .bss, with an addend */
static const u64 table[4] = { 10, 20, 30, 40 };	/* .rodata.cst32 */
static const char banner[] = "calls: init";	/* .rodata */

static __attribute__((noinline)) u64 add(u64 a, u64 b)
{
	return a + b + table[(a + b) & 3];	/* LINE:add */
}

__attribute__((noinline)) u64 twice(u64 a)
{
	counter++;
	return add(a, a) * scale;		/* LINE:twice */
}

SIP_INIT(calls_init)
{
	sip_log(banner, sizeof(banner) - 1);
	sip_log("calls", 5);			/* LINE:log */
	return twice(ctx->params[0]) + counter;
}

SIP_MSG(calls_msg)
{
	seen[2] = msg->tag;
	return add(msg->tag, seen[2]);		/* LINE:msg */
}
