/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A ping relay named RELAY_NAME (relay_a.c, relay_b.c, relay_c.c): serves
 * the ping contract on "in" and uses it on "out", passing PING on and ECHO
 * back, for chains of nested deliveries (the kernel -> a -> b -> c -> echo).
 * It sends from three frames down, each with about 120 bytes of its own:
 * with the handler's, close to the most stack a run may use (512 bytes, all
 * frames and the runtime's slots together), so that the next SIP in the
 * chain runs on top of the deepest stack this one can have.
 */
#include <sipdrv/sip.h>

#define CHAN_IN 0
#define CHAN_OUT 1

SIP_MANIFEST(.name = RELAY_NAME, .nr_channels = 2,
	     .chans = { SIP_SERVES("in", PING), SIP_USES("out", PING) });

static __attribute__((noinline)) long pass(struct sip_msg *msg, void *b)
{
	long ret = -1;

	if (msg->tag == SIP_PING && msg->chan == CHAN_IN)
		ret = sip_send(sip_chan(CHAN_OUT), SIP_PING, msg->args[0], msg->args[1], b);
	else if (msg->tag == SIP_ECHO && msg->chan == CHAN_OUT)
		ret = sip_send(sip_chan(CHAN_IN), SIP_ECHO, msg->args[0], msg->args[1], b);
	if (ret && b)
		sip_block_free(b);
	return ret;
}

#define DEEP(name, next)						\
	static __attribute__((noinline)) long name(struct sip_msg *msg, void *b) \
	{								\
		volatile u8 pad[120];					\
		u32 i;							\
									\
		for (i = 0; i < sizeof(pad); i += 8)			\
			pad[i] = (u8)(msg->args[0] + i);		\
		return next(msg, b) + pad[112] - pad[112];		\
	}
DEEP(deep3, pass)
DEEP(deep2, deep3)
DEEP(deep1, deep2)

SIP_MSG(relay_msg)
{
	deep1(msg, sip_msg_block(msg));
	return 0;
}
