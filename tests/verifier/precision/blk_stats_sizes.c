// expect: accept
/* A ramdisk counting requests by size class and by operation, in a 2D table. */
#include <sipdrv/sip.h>

#define EIO 5
#define DISK_SIZE (32 << 20)

SIP_MANIFEST(.name = "sizestat", .dev_class = SIP_CLASS_BLOCK,
	     .nr_channels = 1, .chans = { SIP_SERVES("blk", BLOCK) });

static u64 table[4][8];		/* [op][log2(len / 512)] */

SIP_INIT(sizestat_init)
{
	long ret = sip_grant(DISK_SIZE);

	if (ret)
		return ret;
	return sip_send(sip_chan(0), SIP_BLK_HELLO, DISK_SIZE, 512 | 64ull << 32, NULL);
}

SIP_EXIT(sizestat_exit)
{
	int op, k;

	for (op = 0; op < 2; op++)
		for (k = 0; k < 8; k++)
			if (table[op][k])
				sip_printk("%s %uK: %llu", op ? "write" : "read", 1 << k >> 1,
					   table[op][k]);
	return 0;
}

SIP_MSG(sizestat_msg)
{
	void *b;
	u32 op, k = 0;
	u64 sectors;
	long status, ret;

	if (msg->tag != SIP_BLK_REQ)
		return 0;
	b = sip_msg_block(msg);
	op = msg->args[0] & 3;
	sectors = msg->args[2] / 512;
	while (sectors > 1 && k < 7) {
		sectors >>= 1;
		k++;
	}
	table[op][k]++;
	if (op == SIP_BLK_FLUSH)
		status = 0;
	else if (!b)
		status = -EIO;
	else if (op == SIP_BLK_READ)
		status = sip_grant_read(msg->args[1], b, 0, msg->args[2]);
	else if (op == SIP_BLK_WRITE)
		status = sip_grant_write(msg->args[1], b, 0, msg->args[2]);
	else
		status = -EIO;
	ret = sip_send(msg->chan, SIP_BLK_DONE, msg->args[0], status, b);
	if (ret && b)
		sip_block_free(b);
	return 0;
}
