// SPDX-License-Identifier: GPL-2.0
/*
 * Granted memory loaded into private data with a length the message
 * chooses, never bounded: the verifier cannot prove the data holds it.
 */
// expect: reject load_msg: sip_grant_load: size r3 may be 18446744073709551615, more than the 65536 a helper takes: bound it first
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "helper-grant-load-unbounded");

static u8 buf[4096];

SIP_MSG(load_msg)
{
	return sip_grant_load(msg->args[0], buf, msg->args[1]);	// <-- here
}
