// SPDX-License-Identifier: GPL-2.0
/*
 * The message path as one compilation unit: the exchange heap, the
 * channels, the SIP instances and their helpers, the block shim and the JIT
 * engine, so that GCC inlines the calls between them (a block request
 * crosses them all; out-of-tree modules get no LTO). The files stay separate and portable; only the
 * kernel build includes them here.
 */
#include "blk.c"	/* first: it sets pr_fmt */
#include "../sipdrv_runtime/xheap.c"
#include "../channels/channel.c"
#include "../sipdrv_runtime/instance.c"
#include "../sipdrv_runtime/helpers.c"
#include "jit.c"
