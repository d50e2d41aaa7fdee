// SPDX-License-Identifier: GPL-2.0
/* The assembler: uBPF-style text to instructions, driven by SIP_INSNS (see asm.h). */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "insn.h"
#include "disasm.h"
#include "asm.h"

#define ASM_LINE_MAX	1024
#define ASM_LABEL_MAX	64
#define ASM_MAX_INSNS	(1u << 20)
#define ASM_MAX_WORDS	8	/* operands read on a line, to report a wrong count */

struct asm_label {
	char name[ASM_LABEL_MAX];
	u32 slot;
	unsigned int line;
};

/* A jump or local call whose target is a label, patched once all are known. */
struct asm_ref {
	char name[ASM_LABEL_MAX];
	u32 slot;
	unsigned int line;
	bool in_imm;		/* ja32, call local: the target goes in imm */
};

struct assembler {
	struct sip_insn *insns;
	u32 len, cap;
	struct asm_label *labels;
	u32 nr_labels, cap_labels;
	struct asm_ref *refs;
	u32 nr_refs, cap_refs;
	s64 first_exit;		/* slot of the first exit (the implicit "exit" label) */
	unsigned int line;
	struct sip_asm_error *err;
};

/* How an operand looks, to choose among the rows of one mnemonic. */
enum shape { SHAPE_REG, SHAPE_MEM, SHAPE_LOCAL, SHAPE_VALUE, SHAPE_PSEUDO };

static const u8 opnd_shape[] = {
	[SIP_OPND_DST] = SHAPE_REG,
	[SIP_OPND_SRC] = SHAPE_REG,
	[SIP_OPND_IMM] = SHAPE_VALUE,
	[SIP_OPND_IMM64] = SHAPE_VALUE,
	[SIP_OPND_MEM_DST] = SHAPE_MEM,
	[SIP_OPND_MEM_SRC] = SHAPE_MEM,
	[SIP_OPND_JUMP_OFF] = SHAPE_VALUE,
	[SIP_OPND_JUMP_IMM] = SHAPE_VALUE,
	[SIP_OPND_LOCAL] = SHAPE_LOCAL,
	[SIP_OPND_PSEUDO] = SHAPE_PSEUDO,
};

static const struct {
	const char *alias, *mnem;
} aliases[] = {
#define ALIAS(a, m) { a, m },
	SIP_MNEM_ALIASES(ALIAS)
#undef ALIAS
};

/* Numbers as written: a magnitude, its sign and its base. */
struct num {
	u64 mag;
	bool neg;
	bool hex;
};

/* Ranges, as the largest magnitude of each sign. */
struct range {
	u64 max_pos_dec, max_pos_hex, max_neg;
};

static const struct range imm32_range = { 0x7fffffff, 0xffffffff, 0x80000000 };
static const struct range imm64_range = { ~0ull, ~0ull, 1ull << 63 };
static const struct range s16_range = { 0x7fff, 0x7fff, 0x8000 };
static const struct range s32_range = { 0x7fffffff, 0x7fffffff, 0x80000000 };

static int failv(struct assembler *as, const char *tok, int toklen, const char *fmt, va_list ap)
{
	struct sip_asm_error *err = as->err;

	err->line = as->line;
	snprintf(err->token, sizeof(err->token), "%.*s", toklen, tok);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	return -EINVAL;
}

/* Refuses the line: @tok (@toklen bytes) is the culprit, the message is free. */
static __printf(4, 5) int failf(struct assembler *as, const char *tok, int toklen,
				const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = failv(as, tok, toklen, fmt, ap);
	va_end(ap);
	return ret;
}

/* The token at @p: up to a blank, a comma or a bracket. */
static int word_len(const char *p)
{
	int n = strcspn(p, " \t,[]");

	return n ? n : (*p != 0);
}

/* Refuses the line with "WHAT 'TOKEN'", the token being the word at @p. */
static int fail_word(struct assembler *as, const char *p, const char *what)
{
	int n = word_len(p);

	return failf(as, p, n, "%s '%.*s'", what, n, p);
}

static const char *skip_ws(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static bool ident_start(char c)
{
	return isalpha((unsigned char)c) || c == '_' || c == '.';
}

static bool ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '.';
}

static int grow(void **arr, u32 *cap, u32 need, size_t size)
{
	u32 ncap = *cap ? *cap : 16;
	void *p;

	if (need <= *cap)
		return 0;
	while (ncap < need)
		ncap *= 2;
	p = realloc(*arr, (size_t)ncap * size);
	if (!p)
		return -ENOMEM;
	*arr = p;
	*cap = ncap;
	return 0;
}

/* Reads a number at @p: [+-] then decimal or 0x hex. -EINVAL: none, -ERANGE: > 64 bits. */
static int read_num(const char *p, const char **end, struct num *n)
{
	unsigned int base = 10, digits = 0, d;

	n->mag = 0;
	n->neg = *p == '-';
	if (*p == '-' || *p == '+')
		p++;
	n->hex = p[0] == '0' && (p[1] == 'x' || p[1] == 'X');
	if (n->hex) {
		base = 16;
		p += 2;
	}
	for (; isxdigit((unsigned char)*p); p++, digits++) {
		d = isdigit((unsigned char)*p) ? *p - '0' : (tolower((unsigned char)*p) - 'a' + 10);
		if (d >= base)
			return -EINVAL;
		if (n->mag > (~0ull - d) / base)
			return -ERANGE;
		n->mag = n->mag * base + d;
	}
	if (!digits || ident_char(*p))
		return -EINVAL;
	*end = p;
	return 0;
}

static bool in_range(const struct num *n, const struct range *r)
{
	if (n->neg)
		return n->mag <= r->max_neg;
	return n->mag <= (n->hex ? r->max_pos_hex : r->max_pos_dec);
}

static u64 num_value(const struct num *n)
{
	return n->neg ? -n->mag : n->mag;
}

/*
 * A number at @p within @r, as 64 bits (callers truncate). @what names it
 * in errors ("immediate", "offset", "jump offset"), @bits its range.
 */
static int parse_num(struct assembler *as, const char *p, const char **end,
		     const struct range *r, const char *what, const char *bits, u64 *val)
{
	struct num n;
	int ret, len = word_len(p);

	ret = read_num(p, end, &n);
	if (ret == -EINVAL)
		return failf(as, p, len, "invalid %s '%.*s'", what, len, p);
	if (ret || !in_range(&n, r))
		return failf(as, p, len, "%s '%.*s' out of %s range", what, len, p, bits);
	*val = num_value(&n);
	return 0;
}

static int parse_reg(struct assembler *as, const char *p, const char **end, u8 *reg)
{
	const char *q = p + 1;
	unsigned int r = 0;

	if (*p != '%')
		return fail_word(as, p, "expected a register, got");
	while (isalnum((unsigned char)*q))
		q++;
	if (p[1] != 'r' || q - p < 3 || q - p > 4 || (p[2] == '0' && q - p > 3))
		return failf(as, p, q - p, "invalid register '%.*s'", (int)(q - p), p);
	for (const char *c = p + 2; c < q; c++) {
		if (!isdigit((unsigned char)*c))
			return failf(as, p, q - p, "invalid register '%.*s'", (int)(q - p), p);
		r = r * 10 + (*c - '0');
	}
	if (r >= SIP_NR_REGS)
		return failf(as, p, q - p, "invalid register '%.*s'", (int)(q - p), p);
	*reg = r;
	*end = q;
	return 0;
}

/* [%rN], [%rN+off], [%rN-off]: the offset must fit s16. */
static int parse_mem(struct assembler *as, const char *p, const char **end, u8 *reg, s16 *off)
{
	const char *start = p;
	u64 val = 0;
	int ret;

	if (*p != '[')
		return fail_word(as, p, "expected a memory operand, got");
	ret = parse_reg(as, skip_ws(p + 1), &p, reg);
	if (ret)
		return ret;
	p = skip_ws(p);
	if (*p == '+' || *p == '-') {
		ret = parse_num(as, p, &p, &s16_range, "offset", "16-bit", &val);
		if (ret)
			return ret;
		p = skip_ws(p);
	}
	if (*p != ']')
		return failf(as, start, strlen(start), "missing ']' in memory operand '%s'", start);
	*off = (s16)val;
	*end = p + 1;
	return 0;
}

static int add_ref(struct assembler *as, const char *name, int len, bool in_imm)
{
	struct asm_ref *ref;

	if (len >= ASM_LABEL_MAX)
		return failf(as, name, len, "label '%.*s' too long", len, name);
	if (grow((void **)&as->refs, &as->cap_refs, as->nr_refs + 1, sizeof(*ref)))
		return -ENOMEM;
	ref = &as->refs[as->nr_refs++];
	snprintf(ref->name, sizeof(ref->name), "%.*s", len, name);
	ref->slot = as->len;
	ref->line = as->line;
	ref->in_imm = in_imm;
	return 0;
}

/* A label (patched later) or +N/-N, into off (16 bits) or imm (32 bits). */
static int parse_target(struct assembler *as, const char *p, const char **end,
			struct sip_insn *insn, bool in_imm)
{
	const char *q = p;
	u64 val;
	int ret;

	if (*p == '+' || *p == '-') {
		ret = parse_num(as, p, end, in_imm ? &s32_range : &s16_range, "jump offset",
				in_imm ? "32-bit" : "16-bit", &val);
		if (ret)
			return ret;
		if (in_imm)
			insn->imm = (s32)val;
		else
			insn->off = (s16)val;
		return 0;
	}
	if (!ident_start(*p))
		return fail_word(as, p, "expected a label or +N/-N, got");
	while (ident_char(*q))
		q++;
	*end = q;
	return add_ref(as, p, q - p, in_imm);
}

static int parse_local(struct assembler *as, const char *p, const char **end, struct sip_insn *insn)
{
	p = skip_ws(p + strlen("local"));
	if (!*p)
		return failf(as, "local", 5, "missing target after 'local'");
	return parse_target(as, p, end, insn, true);
}

/*
 * "data+N" or "rodata+N": the row (set_variant) already chose the source,
 * the text must name the same one.
 */
static int parse_pseudo(struct assembler *as, const char *p, const char **end,
			struct sip_insn *insn)
{
	const char *name = sip_pseudo_name(insn->src);
	size_t n = strlen(name);
	u64 val = 0;
	int ret;

	if (strncmp(p, name, n) || (p[n] && p[n] != '+'))
		return fail_word(as, p, "expected data+N or rodata+N, got");
	*end = p + n;
	if (p[n] == '+') {
		ret = parse_num(as, p + n + 1, end, &imm32_range, "offset", "32-bit", &val);
		if (ret)
			return ret;
	}
	insn[0].imm = (s32)(u32)val;
	return 0;
}

/* One operand into the fields of @insn (two slots for lddw). */
static int parse_opnd(struct assembler *as, enum sip_opnd kind, const char *p, const char **end,
		      struct sip_insn *insn)
{
	u8 reg = 0;
	u64 val;
	int ret;

	switch (kind) {
	case SIP_OPND_DST:
		ret = parse_reg(as, p, end, &reg);
		insn->dst = reg;
		return ret;
	case SIP_OPND_SRC:
		ret = parse_reg(as, p, end, &reg);
		insn->src = reg;
		return ret;
	case SIP_OPND_IMM:
		ret = parse_num(as, p, end, &imm32_range, "immediate", "32-bit", &val);
		if (!ret)
			insn->imm = (s32)(u32)val;
		return ret;
	case SIP_OPND_IMM64:
		ret = parse_num(as, p, end, &imm64_range, "immediate", "64-bit", &val);
		if (!ret) {
			insn[0].imm = (s32)(u32)val;
			insn[1].imm = (s32)(u32)(val >> 32);
		}
		return ret;
	case SIP_OPND_MEM_DST:
		ret = parse_mem(as, p, end, &reg, &insn->off);
		insn->dst = reg;
		return ret;
	case SIP_OPND_MEM_SRC:
		ret = parse_mem(as, p, end, &reg, &insn->off);
		insn->src = reg;
		return ret;
	case SIP_OPND_JUMP_OFF:
		return parse_target(as, p, end, insn, false);
	case SIP_OPND_JUMP_IMM:
		return parse_target(as, p, end, insn, true);
	case SIP_OPND_LOCAL:
		return parse_local(as, p, end, insn);
	case SIP_OPND_PSEUDO:
		return parse_pseudo(as, p, end, insn);
	}
	return -EINVAL;
}

static enum shape shape_of(const char *op)
{
	if (*op == '%')
		return SHAPE_REG;
	if (*op == '[')
		return SHAPE_MEM;
	if (!strncmp(op, "local", 5) && (!op[5] || op[5] == ' ' || op[5] == '\t'))
		return SHAPE_LOCAL;
	if ((!strncmp(op, "data", 4) && (!op[4] || op[4] == '+')) ||
	    (!strncmp(op, "rodata", 6) && (!op[6] || op[6] == '+')))
		return SHAPE_PSEUDO;
	return SHAPE_VALUE;
}

/* Is @name followed by a space the start of some mnemonic ("lock", "lock fetch")? */
static bool mnem_prefix(const char *name)
{
	size_t n = strlen(name);
	int row;

	for (row = 0; row < SIP_OP__COUNT; row++)
		if (!strncmp(sip_insn_descs[row].mnem, name, n) && sip_insn_descs[row].mnem[n] == ' ')
			return true;
	return false;
}

/*
 * The row of mnemonic @name taking @nops operands that best fits their
 * shapes; -ENOENT when no row has that name, -ERANGE when none that count.
 */
static int pick_row(const char *name, char **ops, int nops)
{
	int row, best = -ENOENT, best_score = -1, i, score;

	for (row = 0; row < SIP_OP__COUNT; row++) {
		const struct sip_fmt_syntax *syn = &sip_fmt_syntax[sip_insn_descs[row].fmt];

		if (strcmp(sip_insn_descs[row].mnem, name))
			continue;
		if (best == -ENOENT)
			best = -ERANGE;
		if (syn->count != nops)
			continue;
		for (i = 0, score = 0; i < nops; i++) {
			score += 2 * (shape_of(ops[i]) == opnd_shape[syn->opnds[i]]);
			/* Among pseudo sources, the one the text names. */
			if (syn->opnds[i] == SIP_OPND_PSEUDO &&
			    !strncmp(ops[i], "rodata", 6) == (sip_insn_descs[row].var_value == SIP_PSEUDO_RODATA))
				score++;
		}
		if (score > best_score) {
			best = row;
			best_score = score;
		}
	}
	return best;
}

/*
 * Reads the mnemonic at @p, words joined by single spaces while they can
 * still grow into a longer one ("lock fetch add32"), into @name; aliases
 * become the canonical name. Returns where the operands start.
 */
static const char *read_mnem(const char *p, char *name, size_t size, int *toklen)
{
	const char *start = p, *last = p, *q;
	size_t n = 0;
	unsigned int i;

	name[0] = 0;
	do {
		p = skip_ws(last);
		for (q = p; ident_char(*q); q++)
			;
		if (q == p || n + (q - p) + 2 > size)
			break;
		n += snprintf(name + n, size - n, "%s%.*s", n ? " " : "", (int)(q - p), p);
		*toklen = q - start;
		last = q;
	} while (mnem_prefix(name) && (*last == ' ' || *last == '\t'));
	for (i = 0; i < ARRAY_SIZE(aliases); i++)
		if (!strcmp(name, aliases[i].alias))
			snprintf(name, size, "%s", aliases[i].mnem);
	return last;
}

static char *trim(char *s)
{
	char *e;

	s = (char *)skip_ws(s);
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = 0;
	return s;
}

/* Splits @p (modified) on commas into @ops; returns the count or -EINVAL. */
static int split_operands(struct assembler *as, char *p, char **ops)
{
	int n = 0;
	char *comma;

	p = trim(p);
	if (!*p)
		return 0;
	for (;;) {
		comma = strchr(p, ',');
		if (comma)
			*comma = 0;
		if (n == ASM_MAX_WORDS)
			return n;	/* too many: a wrong count whatever the row */
		ops[n] = trim(p);
		if (!*ops[n])
			return failf(as, ",", 1, "missing operand before or after ','");
		n++;
		if (!comma)
			return n;
		p = comma + 1;
	}
}

static int emit(struct assembler *as, const struct sip_insn *insn, u32 slots)
{
	if (as->len + slots > ASM_MAX_INSNS)
		return failf(as, "", 0, "program too long (more than %u instructions)", ASM_MAX_INSNS);
	if (grow((void **)&as->insns, &as->cap, as->len + slots, sizeof(*insn)))
		return -ENOMEM;
	memcpy(&as->insns[as->len], insn, slots * sizeof(*insn));
	as->len += slots;
	return 0;
}

/* Encodes row @row from its operands and appends it. */
static int encode(struct assembler *as, int row, char **ops)
{
	const struct sip_insn_desc *d = &sip_insn_descs[row];
	const struct sip_fmt_syntax *syn = &sip_fmt_syntax[d->fmt];
	struct sip_insn insn[2] = { { 0 } };
	u32 slots = sip_op_slots(row);
	const char *end;
	int i, ret;

	sip_insn_make(insn, row, 0, 0, 0, 0);
	for (i = 0; i < syn->count; i++) {
		ret = parse_opnd(as, syn->opnds[i], ops[i], &end, insn);
		if (ret)
			return ret;
		end = skip_ws(end);
		if (*end)
			return failf(as, end, strlen(end), "trailing garbage '%s'", end);
	}
	/* The table decides the encoding; check that it decodes to the same row. */
	if (sip_insn_check(insn, slots, 0, NULL) != row)
		return failf(as, d->mnem, strlen(d->mnem), "internal error: row '%s' decodes as another row",
			     d->mnem);
	if (d->fmt == SIP_FMT_EXIT && as->first_exit < 0)
		as->first_exit = as->len;
	return emit(as, insn, slots);
}

static int asm_insn(struct assembler *as, char *p)
{
	char name[32], *ops[ASM_MAX_WORDS];
	const char *start = p;
	int toklen = 0, nops, row;

	p = (char *)read_mnem(p, name, sizeof(name), &toklen);
	if (!toklen || (*p && *p != ' ' && *p != '\t'))
		return fail_word(as, start, "unknown mnemonic");
	nops = split_operands(as, p, ops);
	if (nops < 0)
		return nops;
	row = pick_row(name, ops, nops);
	if (row == -ENOENT && !mnem_prefix(name))
		return failf(as, start, toklen, "unknown mnemonic '%.*s'", toklen, start);
	if (row < 0)
		return failf(as, start, toklen, "invalid number of operands for %.*s",
			     (int)strcspn(start, " \t"), start);
	return encode(as, row, ops);
}

static int define_label(struct assembler *as, const char *name, int len)
{
	struct asm_label *l;
	u32 i;

	if (len >= ASM_LABEL_MAX)
		return failf(as, name, len, "label '%.*s' too long", len, name);
	for (i = 0; i < as->nr_labels; i++)
		if ((int)strlen(as->labels[i].name) == len && !strncmp(as->labels[i].name, name, len))
			return failf(as, name, len, "duplicate label '%.*s' (first defined on line %u)",
				     len, name, as->labels[i].line);
	if (grow((void **)&as->labels, &as->cap_labels, as->nr_labels + 1, sizeof(*l)))
		return -ENOMEM;
	l = &as->labels[as->nr_labels++];
	snprintf(l->name, sizeof(l->name), "%.*s", len, name);
	l->slot = as->len;
	l->line = as->line;
	return 0;
}

/* One line (a copy the assembler may modify): labels, then an instruction. */
static int asm_line(struct assembler *as, char *line)
{
	char *p, *q;
	int ret;

	line[strcspn(line, "#\r")] = 0;
	p = trim(line);
	for (;;) {
		for (q = p; ident_char(*q); q++)
			;
		if (q == p || *q != ':' || !ident_start(*p))
			break;
		ret = define_label(as, p, q - p);
		if (ret)
			return ret;
		p = (char *)skip_ws(q + 1);
	}
	if (!*p)
		return 0;
	return asm_insn(as, p);
}

static const struct asm_label *find_label(const struct assembler *as, const char *name)
{
	u32 i;

	for (i = 0; i < as->nr_labels; i++)
		if (!strcmp(as->labels[i].name, name))
			return &as->labels[i];
	return NULL;
}

/* Patches every jump to a label, now that all labels are known. */
static int resolve(struct assembler *as)
{
	const struct asm_label *l;
	struct asm_ref *ref;
	s64 target, delta;
	u32 i;

	for (i = 0; i < as->nr_refs; i++) {
		ref = &as->refs[i];
		as->line = ref->line;
		l = find_label(as, ref->name);
		if (l)
			target = l->slot;
		else if (!strcmp(ref->name, "exit") && as->first_exit >= 0)
			target = as->first_exit;
		else
			return failf(as, ref->name, strlen(ref->name), "unknown label '%s'", ref->name);
		delta = target - ((s64)ref->slot + 1);
		if (ref->in_imm) {
			as->insns[ref->slot].imm = (s32)delta;
		} else if (delta < -32768 || delta > 32767) {
			return failf(as, ref->name, strlen(ref->name),
				     "jump to '%s' out of 16-bit range (offset %lld)", ref->name,
				     (long long)delta);
		} else {
			as->insns[ref->slot].off = (s16)delta;
		}
	}
	return 0;
}

static int asm_text(struct assembler *as, const char *text)
{
	char line[ASM_LINE_MAX];
	size_t n;
	int ret;

	for (as->line = 1; *text; as->line++) {
		n = strcspn(text, "\n");
		if (n >= sizeof(line))
			return failf(as, "", 0, "line too long (%zu characters, at most %zu)", n,
				     sizeof(line) - 1);
		memcpy(line, text, n);
		line[n] = 0;
		ret = asm_line(as, line);
		if (ret)
			return ret;
		text += n + (text[n] == '\n');
	}
	return resolve(as);
}

int sip_asm(const char *text, struct sip_insn **insns, u32 *len, struct sip_asm_error *err)
{
	struct sip_asm_error scratch;
	struct assembler as = { .first_exit = -1, .err = err ? err : &scratch };
	int ret;

	memset(as.err, 0, sizeof(*as.err));
	ret = asm_text(&as, text);
	free(as.labels);
	free(as.refs);
	if (ret) {
		free(as.insns);
		if (ret == -ENOMEM)
			snprintf(as.err->msg, sizeof(as.err->msg), "out of memory");
		return ret;
	}
	*insns = as.insns;
	*len = as.len;
	return 0;
}

int sip_asm_error_format(const struct sip_asm_error *err, char *buf, size_t size)
{
	if (err->line)
		return snprintf(buf, size, "line %u: %s", err->line, err->msg);
	return snprintf(buf, size, "%s", err->msg);
}

int sip_asm_disasm_prog(const struct sip_insn *insns, u32 len, char **text)
{
	size_t pos = 0, size = (size_t)len * SIP_DISASM_MAX + 1;
	char *buf = malloc(size);
	u32 idx;
	int n;

	if (!buf)
		return -ENOMEM;
	buf[0] = 0;
	for (idx = 0; idx < len; idx += n) {
		n = sip_disasm_insn(insns, len, idx, buf + pos, size - pos);
		if (n < 0) {
			free(buf);
			return n;
		}
		pos += strlen(buf + pos);
		buf[pos++] = '\n';
		buf[pos] = 0;
	}
	*text = buf;
	return 0;
}
