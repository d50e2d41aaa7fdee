// expect: reject words_msg: program too complex
/*
 * Counts the words of a text block with a do-while over its bytes.
 *
 * Refused because a three-way branch on each byte and an in-word flag
 * inside the loop: the paths do not merge.
 */
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "words", .nr_channels = 1, .chans = { SIP_SERVES("ping", PING) });

SIP_MSG(words_msg)
{
	char *b = sip_msg_block(msg);
	u64 n, i = 0, words = 0;
	int in_word = 0;
	long ret;

	if (!b)
		return 0;
	n = sip_block_size(b);
	if (n == 0)
		goto reply;
	do {
		char c = b[i];

		if (c == ' ' || c == '\n' || c == '\t') {
			in_word = 0;
		} else if (!in_word) {
			in_word = 1;
			words++;
		}
	} while (++i < n);
reply:
	ret = sip_send(msg->chan, SIP_ECHO, words, 0, b);
	if (ret)
		sip_block_free(b);
	return 0;
}
