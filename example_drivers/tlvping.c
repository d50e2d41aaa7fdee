// SPDX-License-Identifier: GPL-2.0
/*
 * tlvping: a ping server that parses the records in each ping's block and
 * answers with a summary of them, to show a driver walking a
 * variable-length format. A record is a type byte, a length byte and that
 * many bytes of value. Type 1 is a number (big-endian: of a longer one,
 * the last 8 bytes count), type 2 text; other types are counted and
 * skipped. The walk stops at the block's end, or at a record that runs
 * past it. The answer is the ping's block with struct tlv_summary written
 * at its start (when it holds one; else ECHO's arg1 is -EMSGSIZE).
 */
#include <sipdrv/sip.h>

#define EMSGSIZE 90

enum { TLV_NUMBER = 1, TLV_TEXT = 2 };

struct tlv_summary {
	u32 records;		/* records walked */
	u32 numbers;		/* of type 1 */
	u64 sum;		/* of their values */
	u32 text_bytes;		/* bytes of type 2 records */
	u32 text_crc;		/* the CRC-32 of their bytes, in order */
	u32 other;		/* records of other types */
	u32 truncated;		/* 1: the last record runs past the block's end */
};

SIP_MANIFEST(.name = "tlvping", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) },
	     .max_blocks = 64);

/* The records of the block's first size bytes, into s. */
static void walk(const u8 *b, u64 size, struct tlv_summary *s)
{
	u64 off = 0, len, v, i;

	while (off + 2 <= size) {
		len = b[off + 1];
		if (off + 2 + len > size) {
			s->truncated = 1;
			break;
		}
		switch (b[off]) {
		case TLV_NUMBER:
			v = 0;
			for (i = off + 2; i < off + 2 + len; i++)
				v = v << 8 | b[i];
			s->numbers++;
			s->sum += v;
			break;
		case TLV_TEXT:
			s->text_bytes += len;
			for (i = off + 2; i < off + 2 + len; i++)
				s->text_crc = sip_crc32(s->text_crc, &b[i], 1);
			break;
		default:
			s->other++;
			break;
		}
		s->records++;
		off += 2 + len;
	}
}

SIP_MSG(tlvping_msg)
{
	struct tlv_summary s = {};
	u8 *b;
	long status = 0, ret;

	if (msg->tag != SIP_PING)
		return 0;
	b = sip_msg_block(msg);
	if (b)
		walk(b, msg->block_size, &s);
	if (b && msg->block_size >= sizeof(s))
		sip_memcpy(b, &s, sizeof(s));
	else
		status = -EMSGSIZE;
	ret = sip_send(msg->chan, SIP_ECHO, msg->args[0], status, b);
	if (ret && b)
		sip_block_free(b);
	return 0;
}
