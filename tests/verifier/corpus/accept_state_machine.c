// SPDX-License-Identifier: GPL-2.0
/*
 * A protocol state machine kept in private data: a table of allowed
 * transitions in .rodata, indexed by the current state and the message's
 * tag, both checked against the table's dimensions.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "state-machine");

enum state { S_IDLE, S_OPEN, S_BUSY, S_CLOSED, NR_STATES };
enum tag { T_OPEN, T_START, T_DONE, T_CLOSE, NR_TAGS };

#define BAD 0xff

static const u8 next_state[NR_STATES][NR_TAGS] = {
	[S_IDLE] = { S_OPEN, BAD, BAD, BAD },
	[S_OPEN] = { BAD, S_BUSY, BAD, S_CLOSED },
	[S_BUSY] = { BAD, BAD, S_OPEN, BAD },
	[S_CLOSED] = { S_OPEN, BAD, BAD, BAD },
};

static u32 state;

SIP_MSG(fsm_msg)
{
	u32 tag = msg->tag, s = state;
	u8 next;

	if (tag >= NR_TAGS || s >= NR_STATES)
		return -22;
	next = next_state[s][tag];
	if (next == BAD)
		return -71;
	state = next;
	return sip_send(msg->chan, tag, s, next, NULL);
}
