// expect: reject double_msg: write to exchange block out of bounds
/*
 * Copies the message's block into a new block twice its size, the copy
 * twice in a row.
 *
 * Refused because out holds 2 * n bytes; 2 * n keeps no relation with n
 * (relations are differences), so neither out[i] nor out[n + i] is bounded
 * by out's size.
 */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "double", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

SIP_MSG(double_msg)
{
	u8 *in = sip_msg_block(msg), *out;
	u64 n, i;
	long ret;

	if (!in)
		return 0;
	n = sip_block_size(in);
	if (n > 2048)
		n = 2048;
	out = sip_block_alloc(2 * n);
	if (!out) {
		sip_block_free(in);
		return 0;
	}
	if (sip_block_size(out) >= 2 * n && sip_block_size(in) >= n) {
		for (i = 0; i < n; i++) {
			out[i] = in[i];	// <-- here
			out[n + i] = in[i];
		}
	}
	sip_block_free(in);
	ret = sip_send(msg->chan, SIP_ECHO, msg->args[0], 2 * n, out);
	if (ret)
		sip_block_free(out);
	return 0;
}
