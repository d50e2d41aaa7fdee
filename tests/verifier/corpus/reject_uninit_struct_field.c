// SPDX-License-Identifier: GPL-2.0
/*
 * A stack structure logged with one field never set: the log would copy
 * stale stack bytes out of the SIP.
 */
// expect: reject uninit_msg: sip_log reads uninitialised stack
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "uninit-struct-field");

struct event {
	u32 tag;
	u32 chan_nr;
	u64 arg;
	u64 stamp;
};

static __attribute__((noinline)) long log_event(const struct event *ev)
{
	return sip_log(ev, sizeof(*ev));	// <-- here
}

SIP_MSG(uninit_msg)
{
	struct event ev;

	ev.tag = msg->tag;
	ev.chan_nr = 0;
	ev.arg = msg->args[0];
	return log_event(&ev);
}
