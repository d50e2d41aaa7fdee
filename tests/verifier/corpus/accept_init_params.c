// SPDX-License-Identifier: GPL-2.0
/*
 * Load parameters read in init, validated, and kept in private data; the
 * manifest names them with their defaults and limits.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "init-params", .nr_params = 3,
	     .params = {
		{ .name = "queue_depth", .def = 16, .min = 1, .max = 64 },
		{ .name = "block_size", .def = 512, .min = 512, .max = 4096 },
		{ .name = "verbose", .def = 0, .min = 0, .max = 1 },
	     });

static u64 depth, bsize, verbose;
static const char bad[] = "bad parameters";

SIP_INIT(params_init)
{
	depth = ctx->params[0];
	bsize = ctx->params[1];
	verbose = ctx->params[2];
	if (bsize & (bsize - 1)) {
		sip_log(bad, sizeof(bad) - 1);
		return -22;
	}
	return 0;
}

SIP_MSG(params_msg)
{
	return sip_send(msg->chan, msg->tag, depth * bsize, verbose, NULL);
}
