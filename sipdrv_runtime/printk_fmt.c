// SPDX-License-Identifier: GPL-2.0
/* The format of sip_printk (see printk_fmt.h): its parser and its printer. */
#include "platform.h"
#include "printk_fmt.h"

enum item { ITEM_END, ITEM_TEXT, ITEM_PERCENT, ITEM_CONV, ITEM_BAD };

static const char known[] =
	"sip_printk knows %d %i %u %x %X %c %s %%, with - 0 #, a width and l or ll";

/*
 * The item of @s at *@pos, which moves past it: the end (the NUL), a byte
 * of text, "%%", or a conversion (@c); ITEM_BAD with @why when it is not
 * one sip_printk knows, or when @max bytes end before the NUL.
 */
static enum item next_item(const char *s, u32 max, u32 *pos, struct sip_pf_conv *c,
			   char *why, u32 why_size)
{
	u32 i = *pos, start = i, w = 0;

	if (i >= max) {
		if (why)
			sip_snprintf(why, why_size, "no NUL ends it within the read-only data");
		return ITEM_BAD;
	}
	if (s[i] == 0)
		return ITEM_END;
	*pos = i + 1;
	if (s[i] != '%')
		return ITEM_TEXT;
	if (i + 1 < max && s[i + 1] == '%') {
		*pos = i + 2;
		return ITEM_PERCENT;
	}
	memset(c, 0, sizeof(*c));
	for (i++; i < max && (s[i] == '-' || s[i] == '0' || s[i] == '#'); i++) {
		c->left |= s[i] == '-';
		c->zero |= s[i] == '0';
		c->alt |= s[i] == '#';
	}
	for (; i < max && s[i] >= '0' && s[i] <= '9' && w <= SIP_PF_WIDTH_MAX; i++)
		w = w * 10 + (u32)(s[i] - '0');
	if (w > SIP_PF_WIDTH_MAX) {
		if (why)
			sip_snprintf(why, why_size, "conversion at byte %u: a width of at most %u",
				     start, SIP_PF_WIDTH_MAX);
		return ITEM_BAD;
	}
	c->width = (u8)w;
	if (i < max && s[i] == 'l') {
		c->wide = true;
		if (++i < max && s[i] == 'l')
			i++;
	}
	c->conv = i < max ? s[i] : 0;
	c->base = 10;
	switch (c->conv) {
	case 'd':
	case 'i':
		c->sign = true;
		break;
	case 'u':
		break;
	case 'x':
	case 'X':
		c->base = 16;
		break;
	case 'c':
		c->kind = SIP_PF_CHAR;
		break;
	case 's':
		c->kind = SIP_PF_STR;
		break;
	case 'p':
		if (why)
			sip_snprintf(why, why_size, "%%p at byte %u: no pointer's value may leave the SIP",
				     start);
		return ITEM_BAD;
	default:
		if (why)
			sip_snprintf(why, why_size, "%.*s at byte %u is not a conversion: %s",
				     (int)(i - start + (i < max && s[i] ? 1 : 0)), s + start, start,
				     known);
		return ITEM_BAD;
	}
	if (c->alt && c->base != 16) {
		if (why)
			sip_snprintf(why, why_size, "%.*s at byte %u: # is for %%x and %%X",
				     (int)(i - start + 1), s + start, start);
		return ITEM_BAD;
	}
	if (c->wide && c->kind != SIP_PF_NUM) {
		if (why)
			sip_snprintf(why, why_size, "%.*s at byte %u: l is for numbers", (int)(i - start + 1),
				     s + start, start);
		return ITEM_BAD;
	}
	*pos = i + 1;
	return ITEM_CONV;
}

int sip_pf_parse(const char *s, u32 max, struct sip_pf *pf, char *why, u32 why_size)
{
	struct sip_pf_conv c;
	u32 pos = 0;

	memset(pf, 0, sizeof(*pf));
	for (;;) {
		switch (next_item(s, max, &pos, &c, why, why_size)) {
		case ITEM_END:
			pf->len = pos;
			return 0;
		case ITEM_BAD:
			return -EINVAL;
		case ITEM_CONV:
			if (pf->nr == SIP_PF_ARGS) {
				if (why)
					sip_snprintf(why, why_size, "more than %u conversions",
						     SIP_PF_ARGS);
				return -EINVAL;
			}
			pf->conv[pf->nr++] = c;
			break;
		default:
			break;
		}
	}
}

struct line {
	char *out;
	u32 len, cap;		/* cap: bytes of text out may take */
};

static void put(struct line *l, char ch)
{
	if (l->len < l->cap)
		l->out[l->len++] = ch;
}

/* @n bytes at @p after @prefix ("-", "0x"), padded to the conversion's width. */
static void put_padded(struct line *l, const struct sip_pf_conv *c, const char *p, u32 n,
		       bool zeroes, const char *prefix)
{
	u32 np = (u32)strlen(prefix), pad = c->width > n + np ? c->width - n - np : 0, i;

	if (!c->left && !zeroes)
		for (i = 0; i < pad; i++)
			put(l, ' ');
	for (i = 0; i < np; i++)
		put(l, prefix[i]);
	if (!c->left && zeroes)
		for (i = 0; i < pad; i++)
			put(l, '0');
	for (i = 0; i < n; i++)
		put(l, p[i]);
	if (c->left)
		for (i = 0; i < pad; i++)
			put(l, ' ');
}

static void put_number(struct line *l, const struct sip_pf_conv *c, u64 v)
{
	const char *digits = c->conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
	const char *prefix = "";
	char buf[24];
	u32 n = 0;

	if (!c->wide)
		v = c->sign ? (u64)(s64)(s32)(u32)v : (u64)(u32)v;
	if (c->sign && (s64)v < 0) {
		prefix = "-";
		v = -v;
	} else if (c->alt && v) {
		prefix = c->conv == 'X' ? "0X" : "0x";
	}
	do {
		buf[sizeof(buf) - 1 - n++] = digits[c->base == 16 ? v & 15 : sip_mod64_u64(v, 10)];
		v = c->base == 16 ? v >> 4 : sip_div64_u64(v, 10);
	} while (v);
	put_padded(l, c, buf + sizeof(buf) - n, n, c->zero && !c->left, prefix);
}

int sip_pf_print(const char *fmt, const struct sip_pf *pf, const u64 *args, const char *str,
		 u32 str_size, char *out, u32 size)
{
	struct line l = { out, 0, size ? size - 1 : 0 };
	struct sip_pf_conv c;
	u32 pos = 0, k = 0, i;

	if (l.cap > SIP_PF_LINE_MAX)
		l.cap = SIP_PF_LINE_MAX;
	for (;;) {
		enum item it = next_item(fmt, pf->len + 1, &pos, &c, NULL, 0);

		if (it == ITEM_END || it == ITEM_BAD)
			break;
		if (it == ITEM_TEXT) {
			put(&l, fmt[pos - 1]);
		} else if (it == ITEM_PERCENT) {
			put(&l, '%');
		} else if (k < pf->nr && k < SIP_PF_ARGS) {
			u64 v = args[k++];

			if (c.kind == SIP_PF_NUM) {
				put_number(&l, &c, v);
			} else if (c.kind == SIP_PF_CHAR) {
				char ch = (char)v;

				put_padded(&l, &c, &ch, 1, false, "");
			} else {
				const char *p = (const char *)(unsigned long)v;
				u32 n = 0, left;

				if (p < str || p >= str + str_size)
					return -EFAULT;
				left = (u32)(str + str_size - p);
				while (n < left && n < SIP_PF_LINE_MAX && p[n])
					n++;
				put_padded(&l, &c, p, n, false, "");
			}
		}
	}
	if (l.len && out[l.len - 1] == '\n')
		l.len--;
	for (i = 0; i < l.len; i++)
		if ((u8)out[i] < 0x20 || (u8)out[i] == 0x7f)
			out[i] = '?';
	if (size)
		out[l.len] = 0;
	return (int)l.len;
}
