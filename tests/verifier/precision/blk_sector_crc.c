// expect: accept
/* A ramdisk that logs the CRC-32 of each written sector that is not all zero. */
#include <sipdrv/sip.h>

#define EIO 5
#define SECTOR 512
#define DISK_SIZE (8 << 20)

SIP_MANIFEST(.name = "seccrc", .dev_class = SIP_CLASS_BLOCK,
	     .nr_channels = 1, .chans = { SIP_SERVES("blk", BLOCK) });

static u64 crcs_done;
static u32 last_crc;

SIP_INIT(seccrc_init)
{
	long ret = sip_grant(DISK_SIZE);

	if (ret)
		return ret;
	return sip_send(sip_chan(0), SIP_BLK_HELLO, DISK_SIZE, SECTOR | 16ull << 32, NULL);
}

SIP_MSG(seccrc_msg)
{
	u8 *b;
	u64 op, off, len, s;
	long status = -EIO, ret;

	if (msg->tag != SIP_BLK_REQ)
		return 0;
	b = sip_msg_block(msg);
	op = msg->args[0] & 0xff;
	off = msg->args[1];
	len = msg->args[2];
	if (op == SIP_BLK_FLUSH) {
		status = 0;
	} else if (b && op == SIP_BLK_READ) {
		status = sip_grant_read(off, b, 0, len);
	} else if (b && op == SIP_BLK_WRITE && len <= sip_block_size(b)) {
		for (s = 0; s + SECTOR <= len; s += SECTOR) {
			last_crc = sip_crc32(0, b + s, SECTOR);
			crcs_done++;
		}
		status = sip_grant_write(off, b, 0, len);
	}
	ret = sip_send(msg->chan, SIP_BLK_DONE, msg->args[0], status, b);
	if (ret && b)
		sip_block_free(b);
	return 0;
}
