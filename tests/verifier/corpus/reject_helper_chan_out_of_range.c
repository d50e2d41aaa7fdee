// SPDX-License-Identifier: GPL-2.0
/*
 * Channel 1 of a driver whose manifest declares none.
 */
// expect: reject chan_init: sip_chan: channel 1 out of range (the manifest declares 0)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "helper-chan-out-of-range");

SIP_INIT(chan_init)
{
	sip_chan_t c = sip_chan(1);	// <-- here

	return sip_send(c, 1, 0, 0, NULL);
}
