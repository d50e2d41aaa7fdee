// SPDX-License-Identifier: GPL-2.0
/* Test driver of image_test: a pointer in initialised data (needs a relocation), refused. */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "data_pointer");

static const char name[] = "data_pointer";
const char *name_ptr = name;

SIP_INIT(data_pointer_init)
{
	return name_ptr[0];
}
