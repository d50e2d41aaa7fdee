// SPDX-License-Identifier: GPL-2.0
/* Test driver of image_test: a variable defined nowhere in the driver, refused. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "extern_reloc");

extern u64 jiffies;

SIP_INIT(extern_reloc_init)
{
	return jiffies;
}
