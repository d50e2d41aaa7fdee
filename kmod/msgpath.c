// SPDX-License-Identifier: GPL-2.0
/*
 * The message path as one compilation unit: the exchange heap, the
 * channels, the SIP instances and their helpers, the block shim and the JIT
 * engine, so that GCC inlines the calls between them (a block request
 * crosses them all; out-of-tree modules get no LTO). The files stay separate and portable; only the
 * kernel build includes them here.
 *
 * The portable files name no function of this folder (nor of a layer above
 * their own): what they call most often through a pointer is named here,
 * for them to compare with and call directly (see channel.c and
 * instance.c).
 */
#include "blk.c"	/* first: it sets pr_fmt */

int sipdrv_jit_run(struct sip_instance *si, void *code, struct sip_run *run, void *ctx, u64 *r0);

#define SIP_CHAN_SIP_NOTIFY	sip_instance_notify
#define SIP_CHAN_SIP_CLAIM	sip_instance_claim
#define SIP_CHAN_SIP_DELIVER	sip_instance_deliver
#define SIP_CHAN_KERN_NOTIFY	sipblk_notify
#define SIP_CHAN_KERN_DELIVER	sipblk_deliver
#define SIP_ENGINE_RUN		sipdrv_jit_run

#include "../channels/xheap.c"
#include "../channels/xheap_lend.c"
#include "../channels/channel.c"
#include "../sip/instance.c"
#include "../sip/deliver.c"
#include "../sip/helpers.c"
#include "jit.c"
