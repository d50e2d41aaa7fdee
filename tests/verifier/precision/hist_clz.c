// expect: accept
/*
 * A log2 histogram with a find-last-set by halves, as the kernel's generic
 * fls64(), not __builtin_clzll, on which clang 14 crashes for BPF.
 *
 * clang computes the last step of fls64 without a branch (r += ~(x >> 63)):
 * the verifier takes x ^ -1 as -1 - x, which keeps the range.
 */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "histclz", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

static u64 hist[65];

/* The number of the highest set bit, from 1; 0 for 0. */
static u32 fls64(u64 x)
{
	u32 r = 64;

	if (!x)
		return 0;
	if (!(x & 0xffffffff00000000ull)) {
		x <<= 32;
		r -= 32;
	}
	if (!(x & 0xffff000000000000ull)) {
		x <<= 16;
		r -= 16;
	}
	if (!(x & 0xff00000000000000ull)) {
		x <<= 8;
		r -= 8;
	}
	if (!(x & 0xf000000000000000ull)) {
		x <<= 4;
		r -= 4;
	}
	if (!(x & 0xc000000000000000ull)) {
		x <<= 2;
		r -= 2;
	}
	if (!(x & 0x8000000000000000ull))
		r -= 1;
	return r;
}

SIP_MSG(histclz_msg)
{
	u64 len = msg->args[2];
	void *b = sip_msg_block(msg);
	u32 k = fls64(len);
	long ret;

	hist[k]++;
	ret = sip_send(msg->chan, SIP_ECHO, k, hist[k], b);
	if (ret && b)
		sip_block_free(b);
	return 0;
}
