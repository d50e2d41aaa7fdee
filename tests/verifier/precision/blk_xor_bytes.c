// expect: accept
/* A ramdisk that XORs each byte with a key, looping over the request's bytes. */
#include <sipdrv/sip.h>

#define EIO 5
#define EOPNOTSUPP 95

SIP_MANIFEST(.name = "xorbytes", .dev_class = SIP_CLASS_BLOCK,
	     .nr_channels = 1, .chans = { SIP_SERVES("blk", BLOCK) },
	     .nr_params = 1, .params = { { .name = "key", .def = 0xa5, .min = 0, .max = 255 } });

#define DISK_SIZE (16 << 20)

static u8 key;

SIP_INIT(xorbytes_init)
{
	long ret;

	key = ctx->params[0];
	ret = sip_grant(DISK_SIZE);
	if (ret)
		return ret;
	return sip_send(sip_chan(0), SIP_BLK_HELLO, DISK_SIZE, 512 | 32ull << 32, NULL);
}

SIP_MSG(xorbytes_msg)
{
	u8 *b;
	u64 op, off, len, i;
	long status = 0, ret;

	if (msg->tag != SIP_BLK_REQ)
		return 0;
	b = sip_msg_block(msg);
	op = msg->args[0] & 0xff;
	off = msg->args[1];
	len = msg->args[2];
	if (op == SIP_BLK_FLUSH)
		goto done;
	if (!b || len > msg->block_size) {
		status = -EIO;
		goto done;
	}
	if (op == SIP_BLK_WRITE) {
		for (i = 0; i < len; i++)
			b[i] ^= key;
		status = sip_grant_write(off, b, 0, len);
	} else if (op == SIP_BLK_READ) {
		status = sip_grant_read(off, b, 0, len);
		if (!status)
			for (i = 0; i < len; i++)
				b[i] ^= key;
	} else {
		status = -EOPNOTSUPP;
	}
done:
	ret = sip_send(msg->chan, SIP_BLK_DONE, msg->args[0], status, b);
	if (ret && b)
		sip_block_free(b);
	return 0;
}
