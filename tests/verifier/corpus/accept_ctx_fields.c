// SPDX-License-Identifier: GPL-2.0
/*
 * Every field of every context, read whole: the message (chan, tag, the
 * three arguments, block_size: its last field), the load parameters of
 * init and exit (params[0] to params[7]), the interrupt (irq, count).
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "ctx-fields");

static u64 seen;

SIP_INIT(ctx_init)
{
	u64 sum = 0;

	for (int i = 0; i < SIP_MAX_PARAMS; i++)
		sum += ctx->params[i];
	seen = sum;
	return 0;
}

SIP_MSG(ctx_msg)
{
	long ret;

	seen += msg->tag + msg->args[0] + msg->args[1] + msg->args[2] + msg->block_size;
	ret = sip_send(msg->chan, msg->tag, seen, 0, NULL);
	return ret;
}

SIP_IRQ(ctx_irq)
{
	seen += irq->irq + irq->count;
	return 0;
}

SIP_EXIT(ctx_exit)
{
	return ctx->params[SIP_MAX_PARAMS - 1] == seen;
}
