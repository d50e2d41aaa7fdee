// expect: reject pattern_msg: write to exchange block out of bounds
/*
 * A read-only disk whose every sector reads as its own number, written
 * into the block.
 *
 * Refused because the stores run to 8 * (len / 8) after len <= size: a
 * bound through a division and a scaling, and the verifier's relations are
 * differences (x - y <= c).
 */
#include <sipdrv/sip.h>

#define EIO 5
#define EROFS 30
#define SECTOR 512

SIP_MANIFEST(.name = "pattern", .dev_class = SIP_CLASS_BLOCK,
	     .nr_channels = 1, .chans = { SIP_SERVES("blk", BLOCK) });

SIP_INIT(pattern_init)
{
	return sip_send(sip_chan(0), SIP_BLK_HELLO, 64 << 20, SECTOR | 32ull << 32, NULL);
}

static long fill(u64 *b, u64 off, u64 len)
{
	u64 i, words = len / 8;

	for (i = 0; i < words; i++)
		b[i] = (off + i * 8) / SECTOR;	// <-- here
	return 0;
}

SIP_MSG(pattern_msg)
{
	u64 *b;
	u64 op;
	long status, ret;

	if (msg->tag != SIP_BLK_REQ)
		return 0;
	b = sip_msg_block(msg);
	op = msg->args[0] & 0xff;
	if (op == SIP_BLK_READ) {
		if (b && msg->args[2] <= sip_block_size(b))
			status = fill(b, msg->args[1], msg->args[2]);
		else
			status = -EIO;
	} else if (op == SIP_BLK_FLUSH) {
		status = 0;
	} else {
		status = -EROFS;
	}
	ret = sip_send(msg->chan, SIP_BLK_DONE, msg->args[0], status, b);
	if (ret && b)
		sip_block_free(b);
	return 0;
}
