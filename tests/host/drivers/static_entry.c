// SPDX-License-Identifier: GPL-2.0
/* Test driver of image_test: an entry point declared static, refused. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "static_entry");

static __sip_section("sip/init") int static_entry_init(struct sip_init_ctx *ctx)
{
	return 0;
}
