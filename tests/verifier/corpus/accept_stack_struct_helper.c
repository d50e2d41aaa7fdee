// SPDX-License-Identifier: GPL-2.0
/*
 * A structure on the handler's stack filled by a local function through a
 * pointer (the callee writes into its caller's frame), then logged.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "stack-struct-helper");

struct sample {
	u64 when;
	u32 tag;
	u32 chan_nr;
	u64 args[3];
};

static __attribute__((noinline)) int take_sample(struct sample *s, u64 a0, u64 a1, u64 a2,
						 u32 tag)
{
	s->when = sip_time_ns();
	s->tag = tag;
	s->chan_nr = 0;
	s->args[0] = a0;
	s->args[1] = a1;
	s->args[2] = a2;
	return sizeof(*s);
}

SIP_MSG(sample_msg)
{
	struct sample s;
	int n = take_sample(&s, msg->args[0], msg->args[1], msg->args[2], msg->tag);

	if (n != sizeof(s))
		return -5;
	return sip_log(&s, sizeof(s));
}
