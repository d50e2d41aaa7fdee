// SPDX-License-Identifier: GPL-2.0
/*
 * A channel whose contract this kernel does not know (by its hash): no
 * constant tag can be allowed on it. The load is refused before the
 * verifier runs ("unknown contract"); sipctl verify names it here.
 */
// expect: reject vendor_init: sip_send: tag 1 cannot be sent on channel 0: its contract 'vendor.thing' is unknown to this kernel
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "contract-unknown", .nr_channels = 1,
	     .chans = { { .name = "thing", .contract = "vendor.thing",
			  .contract_hash = 0x1234, .side = SIP_SERVER } });

SIP_INIT(vendor_init)
{
	return sip_send(sip_chan(0), 1, 0, 0, NULL);	// <-- here
}
