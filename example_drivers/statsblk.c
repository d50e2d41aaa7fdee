// SPDX-License-Identifier: GPL-2.0
/*
 * statsblk: a ramdisk that keeps statistics of what it serves and logs
 * them: counters of reads, writes, flushes, bytes and errors, a histogram
 * of request sizes by powers of two, a summary line at most every period_s
 * seconds while requests come, and the whole histogram when it stops. Its
 * globals need no lock: one handler runs at a time (sip.h). The data lives
 * in granted memory, as in ramdisk.c. Parameters: size_mb, qd, period_s.
 */
#include <sipdrv/sip.h>

#define BLK_CHAN 0
#define EIO 5
#define EOPNOTSUPP 95

#define NR_BUCKETS 24		/* request sizes 1 B .. 8 MiB and more, by powers of two */
#define NSEC_PER_SEC 1000000000ull

SIP_MANIFEST(.name = "statsblk", .dev_class = SIP_CLASS_BLOCK,
	     .nr_channels = 1, .chans = { SIP_SERVES("blk", BLOCK) },
	     .nr_params = 3,
	     .params = { { .name = "size_mb", .def = 64, .min = 1, .max = 1024 },
			 { .name = "qd", .def = 64, .min = 1, .max = 1024 },
			 { .name = "period_s", .def = 10, .min = 1, .max = 3600 } },
	     .max_blocks = 1024 + 8);

static u64 reads, writes, flushes, errors;
static u64 bytes_read, bytes_written;
static u64 sizes[NR_BUCKETS];	/* sizes[k]: requests of 2^k to 2^(k+1) - 1 bytes */
static u64 period_ns, last_summary;

SIP_INIT(statsblk_init)
{
	u64 size = ctx->params[0] << 20, qd = ctx->params[1];
	long ret;

	period_ns = ctx->params[2] * NSEC_PER_SEC;
	last_summary = sip_time_ns();
	ret = sip_grant(size);
	if (ret)
		return ret;
	return sip_send(sip_chan(BLK_CHAN), SIP_BLK_HELLO, size, 512 | qd << 32, NULL);
}

/* The power of two at or below len (its highest bit), within the histogram. */
static u32 log2_bucket(u64 len)
{
	u32 k = 0;

	while (len > 1 && k < NR_BUCKETS - 1) {
		len >>= 1;
		k++;
	}
	return k;
}

static void summary(const char *why)
{
	sip_printk("%s: %llu reads, %llu writes, %llu flushes", why, reads, writes, flushes);
	sip_printk("%s: %llu KiB read, %llu KiB written, %llu errors", why, bytes_read >> 10,
		   bytes_written >> 10, errors);
}

/* REQ: arg0 = tag << 32 | op, arg1 = byte offset, arg2 = bytes. */
static long serve(const struct sip_msg *msg, void *block)
{
	u64 op = msg->args[0] & 0xff, off = msg->args[1], len = msg->args[2];

	switch (op) {
	case SIP_BLK_READ:
		reads++;
		bytes_read += len;
		sizes[log2_bucket(len)]++;
		return block ? sip_grant_read(off, block, 0, len) : -EIO;
	case SIP_BLK_WRITE:
		writes++;
		bytes_written += len;
		sizes[log2_bucket(len)]++;
		return block ? sip_grant_write(off, block, 0, len) : -EIO;
	case SIP_BLK_FLUSH:
		flushes++;
		return 0;
	default:
		return -EOPNOTSUPP;
	}
}

SIP_MSG(statsblk_msg)
{
	void *block;
	long status, ret;
	u64 now;

	if (msg->tag != SIP_BLK_REQ)
		return 0;
	block = sip_msg_block(msg);
	status = serve(msg, block);
	if (status)
		errors++;
	ret = sip_send(msg->chan, SIP_BLK_DONE, msg->args[0], status, block);
	if (ret && block)
		sip_block_free(block);
	now = sip_time_ns();
	if (now - last_summary >= period_ns) {
		summary("summary");
		last_summary = now;
	}
	return 0;
}

SIP_EXIT(statsblk_exit)
{
	u32 k;

	summary("final");
	for (k = 0; k < NR_BUCKETS; k++)
		if (sizes[k])
			sip_printk("requests of %llu bytes or more: %llu", 1ull << k, sizes[k]);
	return 0;
}
