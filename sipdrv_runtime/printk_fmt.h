/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The format of sip_printk: one definition, used twice. The verifier parses
 * a driver's format (a constant string in its read-only data) before the
 * driver runs, and checks each argument against its conversion; the helper
 * parses it again (it trusts nothing it can check) and prints the line.
 *
 * A format is text and at most SIP_PF_ARGS conversions, each
 * %[-0#][width][l|ll](d|i|u|x|X|c|s), and %% for a '%' ('#' for x and X). Without l or ll a
 * number is its low 32 bits (as an int or unsigned int in C), %c its low 8;
 * with them all 64. %s prints a NUL-terminated string of the read-only
 * data. No conversion prints a pointer's value (there is no %p).
 */
#ifndef _SIPDRV_PRINTK_FMT_H
#define _SIPDRV_PRINTK_FMT_H

#include <sipdrv/types.h>

#define SIP_PF_ARGS		4	/* r2-r5 */
#define SIP_PF_WIDTH_MAX	32
#define SIP_PF_LINE_MAX		200	/* a line's bytes; the rest is cut */

enum sip_pf_kind {
	SIP_PF_NUM,		/* d i u x X */
	SIP_PF_CHAR,		/* c */
	SIP_PF_STR,		/* s: a string in read-only data */
};

struct sip_pf_conv {
	u8 kind;		/* enum sip_pf_kind */
	u8 width;		/* pad to this many bytes */
	bool left;		/* '-': pad on the right */
	bool zero;		/* '0': pad a number with zeroes */
	bool alt;		/* '#': 0x before a hexadecimal number but 0 */
	bool wide;		/* l or ll: all 64 bits */
	bool sign;		/* d i */
	u8 base;		/* 10 or 16 */
	char conv;		/* the conversion's letter */
};

struct sip_pf {
	u32 len;		/* the format's bytes, without its NUL */
	u32 nr;			/* conversions that take an argument */
	struct sip_pf_conv conv[SIP_PF_ARGS];
};

/*
 * Parses the format at @s, which must end with a NUL within @max bytes.
 * 0 with @pf filled; -EINVAL with @why (may be NULL) saying what is wrong.
 */
int sip_pf_parse(const char *s, u32 max, struct sip_pf *pf, char *why, u32 why_size);

/*
 * Prints the parsed format @fmt with @args (SIP_PF_ARGS of them) into @out
 * (@size bytes, at most SIP_PF_LINE_MAX of text and a NUL). A %s argument
 * must point into [@str, @str + @str_size): it prints up to its NUL or that
 * end. The line is one line: a final newline is dropped, other control
 * bytes become '?'. Returns the line's length, or -EFAULT for a %s argument
 * outside the window.
 */
int sip_pf_print(const char *fmt, const struct sip_pf *pf, const u64 *args, const char *str,
		 u32 str_size, char *out, u32 size);

#endif /* _SIPDRV_PRINTK_FMT_H */
