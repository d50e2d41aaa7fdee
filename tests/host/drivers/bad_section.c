// SPDX-License-Identifier: GPL-2.0
/* Test driver of image_test: code in a section that is no entry point, refused. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "bad_section");

SIP_INIT(bad_section_init)
{
	return 0;
}

__attribute__((section("sip/timer"), used)) int bad_section_timer(void *ctx)
{
	return 1;
}
