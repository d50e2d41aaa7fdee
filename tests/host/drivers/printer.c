// SPDX-License-Identifier: GPL-2.0
/*
 * sip_printk's conversions, for tests/host/sip_helpers_test.c: PING's arg0
 * picks a line, arg1 and arg2 are its numbers; the ECHO's arg1 is the
 * helper's result (the line's length), the line itself goes to the log.
 */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "printer", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) },
	     .max_blocks = 64);

static const char names[4][6] = { "zero", "one", "two", "three" };

static long print(const struct sip_msg *msg)
{
	u64 a = msg->args[1], b = msg->args[2];

	switch (msg->args[0]) {
	case 0:
		return sip_printk("plain text\n");
	case 1:
		return sip_printk("n=%llu x=%08x %-6s|%c %%", a, (u32)a, "disk", 'A');
	case 2:
		return sip_printk("%d %i %u %X", (int)a, (int)b, (unsigned int)a, (u32)b);
	case 3:
		return sip_printk("[%5d|%-5d|%05d|%5s]", (int)a, (int)a, (int)a, "ab");
	case 4:
		return sip_printk("%lld %llx %llX %lu", (long long)a, b, b, (unsigned long)a);
	case 5:
		return sip_printk("tag %u is %s on chan %u", msg->tag, names[a & 3], msg->chan);
	case 6:
		return sip_printk("a\tb\x7f" "c\n\n");
	case 7:
		return sip_printk("%32llu|%-32llx|%032lld", a, b, (long long)a);
	case 8:
		return sip_printk("%#x|%#llX|%#010x|%-#8x|", (u32)a, b, (u32)b, (u32)a);
	default:
		return -22;
	}
}

SIP_MSG(printer_msg)
{
	void *blk = sip_msg_block(msg);
	long n = print(msg), ret;

	ret = sip_send(msg->chan, SIP_ECHO, msg->args[0], n, blk);
	if (ret && blk)
		sip_block_free(blk);
	return 0;
}
