// SPDX-License-Identifier: GPL-2.0
/* Test driver of image_test: a ".sip.manifest" that is not a struct sip_manifest, refused. */
#include <sipdrv/sip.h>

const u64 __sip_manifest[4] __sip_section(".sip.manifest") = { SIP_MANIFEST_MAGIC, 1 };

SIP_INIT(short_manifest_init)
{
	return 0;
}
