// SPDX-License-Identifier: GPL-2.0
/*
 * More live values than registers: block pointers and scalars are spilled
 * to the stack around helper calls and filled back, and the filled
 * pointers are still known to be the same blocks.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "register-pressure");

SIP_MSG(spill_msg)
{
	u64 *a = sip_block_alloc(16), *b = sip_block_alloc(16), *c = sip_block_alloc(16);
	u64 *d = sip_block_alloc(16), *e = sip_block_alloc(16);
	u64 t0 = sip_time_ns(), t1, t2;
	u64 sum = 0;

	if (!a || !b || !c || !d || !e)
		goto out;
	a[0] = msg->args[0];
	b[0] = msg->args[1];
	c[0] = msg->args[2];
	d[0] = msg->tag;
	e[0] = t0;
	t1 = sip_time_ns();
	a[1] = t1 - t0;
	b[1] = a[0] + b[0];
	c[1] = b[1] + c[0];
	t2 = sip_time_ns();
	d[1] = t2 - t1;
	e[1] = c[1] + d[0];
	sum = a[1] + b[1] + c[1] + d[1] + e[1] + t0 + t1 + t2;
out:
	sip_block_free(a);
	sip_block_free(b);
	sip_block_free(c);
	sip_block_free(d);
	sip_block_free(e);
	return sum & 0xff;
}
