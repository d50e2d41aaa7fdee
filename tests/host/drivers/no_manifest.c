// SPDX-License-Identifier: GPL-2.0
/* Test driver of image_test: an entry point but no SIP_MANIFEST(), refused. */
#include <sipdrv/sip.h>

SIP_INIT(no_manifest_init)
{
	return 0;
}
