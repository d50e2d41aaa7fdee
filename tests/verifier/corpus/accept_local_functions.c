// SPDX-License-Identifier: GPL-2.0
/*
 * Local functions (noinline, so they stay calls): a function that fills a
 * block it is given, one that reads the caller's stack buffer, and one
 * that calls another, each returning a value.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "local-functions");

#define NOINLINE static __attribute__((noinline))

NOINLINE u64 mix(u64 a, u64 b)
{
	return (a ^ (b << 7)) + (b >> 3);
}

NOINLINE u64 sum_words(const u64 *w, int n)
{
	u64 s = 0;

	for (int i = 0; i < 4 && i < n; i++)
		s = mix(s, w[i]);
	return s;
}

NOINLINE int fill(u64 *block, u64 seed)
{
	for (int i = 0; i < 8; i++)
		block[i] = mix(seed, i);
	return 8;
}

SIP_MSG(func_msg)
{
	u64 words[4] = { msg->args[0], msg->args[1], msg->args[2], msg->tag };
	u64 *b = sip_block_alloc(64);
	long ret;

	if (!b)
		return -12;
	fill(b, sum_words(words, 4));
	ret = sip_send(msg->chan, msg->tag, b[7], 0, b);
	if (ret)
		sip_block_free(b);
	return ret;
}
