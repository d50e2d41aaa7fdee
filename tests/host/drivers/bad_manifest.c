// SPDX-License-Identifier: GPL-2.0
/* Test driver of image_test: a manifest of another version, refused. */
#include <sipdrv/sip.h>

const struct sip_manifest __sip_manifest __sip_section(".sip.manifest") = {
	.magic = SIP_MANIFEST_MAGIC,
	.version = SIP_MANIFEST_VERSION + 1,
	.name = "bad_manifest",
};

SIP_INIT(bad_manifest_init)
{
	return 0;
}
