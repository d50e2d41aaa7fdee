// SPDX-License-Identifier: GPL-2.0
/*
 * crcblk: a ramdisk that keeps a CRC-32 of every 512-byte sector and
 * checks it on each read: data that changed behind the driver's back is
 * an I/O error, not a silent corruption. The data lives in granted memory
 * (as in ramdisk.c), the table of CRCs right after it. A table entry holds
 * the sector's CRC XORed with the CRC of a sector of zeroes, so that the
 * zeroed memory of a fresh grant is a table of right entries for its
 * zeroed sectors. Parameters: size_mb, qd.
 */
#include <sipdrv/sip.h>

#define BLK_CHAN 0
#define EIO 5
#define EINVAL 22
#define EOPNOTSUPP 95

#define SECTOR 512
#define ZERO_SECTOR_CRC 0xb2aa7578u	/* sip_crc32(0, 512 zero bytes) */

SIP_MANIFEST(.name = "crcblk", .dev_class = SIP_CLASS_BLOCK,
	     .nr_channels = 1, .chans = { SIP_SERVES("blk", BLOCK) },
	     .nr_params = 2,
	     .params = { { .name = "size_mb", .def = 64, .min = 1, .max = 1024 },
			 { .name = "qd", .def = 64, .min = 1, .max = 1024 } },
	     .max_blocks = 1024 + 8);

static u64 capacity;		/* bytes of data; the CRC table follows */
static u64 bad_sectors;		/* reads refused for a wrong CRC */

SIP_INIT(crcblk_init)
{
	u64 qd = ctx->params[1];
	long ret;

	capacity = ctx->params[0] << 20;
	ret = sip_grant(capacity + capacity / SECTOR * 4);
	if (ret)
		return ret;
	return sip_send(sip_chan(BLK_CHAN), SIP_BLK_HELLO, capacity, SECTOR | qd << 32, NULL);
}

/* Where the CRC of the sector at byte offset off is kept. */
static u64 crc_slot(u64 off)
{
	return capacity + off / SECTOR * 4;
}

/* A write: each sector's CRC into the table, then the data. */
static long write_sectors(u8 *b, u64 off, u64 len)
{
	u64 i;
	u32 crc;
	long ret;

	for (i = 0; i + SECTOR <= len; i += SECTOR) {
		crc = sip_crc32(0, b + i, SECTOR) ^ ZERO_SECTOR_CRC;
		ret = sip_grant_store(crc_slot(off + i), &crc, sizeof(crc));
		if (ret)
			return ret;
	}
	return sip_grant_write(off, b, 0, len);
}

/* A read: the data, then each sector checked against its CRC. */
static long read_sectors(u8 *b, u64 off, u64 len)
{
	u64 i;
	u32 crc, stored;
	long ret;

	ret = sip_grant_read(off, b, 0, len);
	if (ret)
		return ret;
	for (i = 0; i + SECTOR <= len; i += SECTOR) {
		ret = sip_grant_load(crc_slot(off + i), &stored, sizeof(stored));
		if (ret)
			return ret;
		crc = sip_crc32(0, b + i, SECTOR) ^ ZERO_SECTOR_CRC;
		if (crc != stored) {
			bad_sectors++;
			sip_printk("sector %llu: CRC %08x, %08x stored: refused", (off + i) / SECTOR,
				   crc ^ ZERO_SECTOR_CRC, stored ^ ZERO_SECTOR_CRC);
			return -EIO;
		}
	}
	return 0;
}

/* REQ: arg0 = tag << 32 | op, arg1 = byte offset, arg2 = bytes (whole sectors). */
static long serve(const struct sip_msg *msg, u8 *b)
{
	u64 op = msg->args[0] & 0xff, off = msg->args[1], len = msg->args[2];

	if (op == SIP_BLK_FLUSH)
		return 0;
	if (op != SIP_BLK_READ && op != SIP_BLK_WRITE)
		return -EOPNOTSUPP;
	if (!b || len > msg->block_size)
		return -EIO;
	if ((off | len) % SECTOR)
		return -EINVAL;
	if (op == SIP_BLK_WRITE)
		return write_sectors(b, off, len);
	return read_sectors(b, off, len);
}

SIP_MSG(crcblk_msg)
{
	u8 *b;
	long status, ret;

	if (msg->tag != SIP_BLK_REQ)
		return 0;
	b = sip_msg_block(msg);
	status = serve(msg, b);
	ret = sip_send(msg->chan, SIP_BLK_DONE, msg->args[0], status, b);
	if (ret && b)
		sip_block_free(b);
	return 0;
}

SIP_EXIT(crcblk_exit)
{
	sip_printk("%llu sectors refused for a wrong CRC", bad_sectors);
	return 0;
}
