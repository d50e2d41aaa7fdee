// SPDX-License-Identifier: GPL-2.0
/*
 * A message handler dispatching on msg->tag with a switch of seven cases
 * (clang may make it a jump chain or a lookup), each doing its own work;
 * two of them answer, with a tag of the channel's contract.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "switch-tag", .nr_channels = 2,
	     .chans = { SIP_SERVES("ctl", PING), SIP_USES("log", PING) });

enum { T_OPEN = 1, T_CLOSE, T_READ, T_WRITE, T_FLUSH, T_STAT, T_RESET = 10 };

static u64 nr_open, bytes_read, bytes_written, nr_flush;

SIP_MSG(switch_msg)
{
	switch (msg->tag) {
	case T_OPEN:
		nr_open++;
		break;
	case T_CLOSE:
		if (!nr_open)
			return -9;
		nr_open--;
		break;
	case T_READ:
		bytes_read += msg->args[0];
		break;
	case T_WRITE:
		bytes_written += msg->args[0];
		break;
	case T_FLUSH:
		nr_flush++;
		return sip_send(sip_chan(1), SIP_PING, bytes_written, 0, NULL);
	case T_STAT:
		return sip_send(msg->chan, SIP_ECHO, bytes_read, bytes_written, NULL);
	case T_RESET:
		nr_open = bytes_read = bytes_written = nr_flush = 0;
		break;
	default:
		return -95;
	}
	return 0;
}
