// SPDX-License-Identifier: GPL-2.0
/*
 * The assembler refuses bad text with the right line, token and message; it
 * accepts the edges of every range, aliases and labels; and every row of
 * SIP_INSNS survives disassembly and re-assembly byte for byte.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"
#include "insn.h"
#include "disasm.h"
#include "asm.h"

/* Assembles @text expecting a refusal; the error comes back for checking. */
static struct sip_asm_error refuse(const char *text)
{
	struct sip_asm_error err;
	struct sip_insn *insns = NULL;
	u32 len = 0;
	int ret;

	memset(&err, 0, sizeof(err));
	ret = sip_asm(text, &insns, &len, &err);
	if (ret != -EINVAL) {
		free(insns);
		snprintf(err.msg, sizeof(err.msg), "accepted (ret %d)", ret);
		err.line = 0;
	}
	return err;
}

#define ASSERT_REFUSED(text, want_line, want_token, want_msg)			\
	do {									\
		struct sip_asm_error e_ = refuse(text);				\
		EXPECT_STREQ(want_msg, e_.msg);					\
		EXPECT_EQ(want_line, e_.line);					\
		EXPECT_STREQ(want_token, e_.token);				\
	} while (0)

/* The 8 bytes of one slot, as a number, for comparisons and messages. */
static u64 bits(const struct sip_insn *insn)
{
	u64 v;

	memcpy(&v, insn, sizeof(v));
	return v;
}

/* Assembles @text, which must be accepted; returns the length. */
static u32 assemble(struct __test_metadata *_metadata, const char *text, struct sip_insn **insns)
{
	struct sip_asm_error err;
	u32 len = 0;
	int ret;

	ret = sip_asm(text, insns, &len, &err);
	if (ret)
		TH_LOG("'%s': line %u: %s", text, err.line, err.msg);
	ASSERT_EQ(0, ret);
	return len;
}

/* Disassembles @insns and assembles the text again: the bytes must not change. */
static void round_trip(struct __test_metadata *_metadata, const struct sip_insn *insns, u32 len)
{
	struct sip_insn *again = NULL;
	char *text = NULL;
	u32 again_len, i;

	ASSERT_EQ(0, sip_asm_disasm_prog(insns, len, &text));
	again_len = assemble(_metadata, text, &again);
	ASSERT_EQ(len, again_len);
	for (i = 0; i < len; i++) {
		if (bits(&insns[i]) != bits(&again[i]))
			TH_LOG("slot %u: %016llx became %016llx in:\n%s", i, bits(&insns[i]),
			       bits(&again[i]), text);
		EXPECT_EQ(bits(&insns[i]), bits(&again[i]));
	}
	free(again);
	free(text);
}

TEST(unknown_mnemonic)
{
	ASSERT_REFUSED("mov %r0, 1\nldxq %r0, %r1\nexit\n", 2, "ldxq", "unknown mnemonic 'ldxq'");
	ASSERT_REFUSED("lock nand [%r10-8], %r1", 1, "lock nand", "unknown mnemonic 'lock nand'");
	ASSERT_REFUSED("add32%r0, 5", 1, "add32%r0", "unknown mnemonic 'add32%r0'");
	ASSERT_REFUSED("ADD %r0, 5", 1, "ADD", "unknown mnemonic 'ADD'");
}

TEST(invalid_register)
{
	ASSERT_REFUSED("# comment\n\nor %r0, %r50\nexit", 3, "%r50", "invalid register '%r50'");
	ASSERT_REFUSED("mov %r11, 1", 1, "%r11", "invalid register '%r11'");
	ASSERT_REFUSED("mov %r01, 1", 1, "%r01", "invalid register '%r01'");
	ASSERT_REFUSED("ldxw %r0, [%rx+4]", 1, "%rx", "invalid register '%rx'");
	ASSERT_REFUSED("mov %r0, %r", 1, "%r", "invalid register '%r'");
	ASSERT_REFUSED("neg 5", 1, "5", "expected a register, got '5'");
}

TEST(operand_count)
{
	ASSERT_REFUSED("lddw %r0\nexit", 1, "lddw", "invalid number of operands for lddw");
	ASSERT_REFUSED("exit %r0", 1, "exit", "invalid number of operands for exit");
	ASSERT_REFUSED("add %r0, %r1, %r2", 1, "add", "invalid number of operands for add");
	ASSERT_REFUSED("lock or [%r10-8]\nexit", 1, "lock or", "invalid number of operands for lock");
	ASSERT_REFUSED("lock\nexit", 1, "lock", "invalid number of operands for lock");
	ASSERT_REFUSED("add %r0,", 1, ",", "missing operand before or after ','");
}

TEST(immediate_range)
{
	struct sip_insn *insns;

	ASSERT_REFUSED("mov32 %r0, 2147483648", 1, "2147483648",
		       "immediate '2147483648' out of 32-bit range");
	ASSERT_REFUSED("mov32 %r0, -2147483649", 1, "-2147483649",
		       "immediate '-2147483649' out of 32-bit range");
	ASSERT_REFUSED("mov32 %r0, 0x100000000", 1, "0x100000000",
		       "immediate '0x100000000' out of 32-bit range");
	ASSERT_REFUSED("lddw %r0, 0x10000000000000000", 1, "0x10000000000000000",
		       "immediate '0x10000000000000000' out of 64-bit range");
	ASSERT_REFUSED("mov %r0, 12abc", 1, "12abc", "invalid immediate '12abc'");

	/* the edges: decimal fits s32, hex up to 0xffffffff (the same 32 bits) */
	ASSERT_EQ(4, assemble(_metadata, "mov %r0, 2147483647\nmov %r0, -2147483648\n"
			      "mov %r0, 0xffffffff\nmov %r0, -0x80000000", &insns));
	EXPECT_EQ(0x7fffffff, insns[0].imm);
	EXPECT_EQ(-0x7fffffff - 1, insns[1].imm);
	EXPECT_EQ(-1, insns[2].imm);
	EXPECT_EQ(-0x7fffffff - 1, insns[3].imm);
	free(insns);
	ASSERT_EQ(4, assemble(_metadata, "lddw %r0, 18446744073709551615\nlddw %r1, -1", &insns));
	EXPECT_EQ(-1, insns[0].imm);
	EXPECT_EQ(-1, insns[1].imm);
	EXPECT_EQ(1, (int)insns[2].dst);
	EXPECT_EQ(-1, insns[2].imm);
	EXPECT_EQ(-1, insns[3].imm);
	free(insns);
}

TEST(offset_range)
{
	struct sip_insn *insns;

	ASSERT_REFUSED("ldxb %r0, [%r1+0x10000]", 1, "+0x10000", "offset '+0x10000' out of 16-bit range");
	ASSERT_REFUSED("stb [%r1-32769], 1", 1, "-32769", "offset '-32769' out of 16-bit range");
	ASSERT_REFUSED("ldxb %r0, [%r1+4", 1, "[%r1+4", "missing ']' in memory operand '[%r1+4'");
	ASSERT_EQ(3, assemble(_metadata, "ldxb %r0, [%r1+32767]\nldxb %r0, [%r1-32768]\n"
			      "ldxb %r0, [%r1]", &insns));
	EXPECT_EQ(32767, insns[0].off);
	EXPECT_EQ(-32768, insns[1].off);
	EXPECT_EQ(0, insns[2].off);
	free(insns);
}

TEST(memory_operand_expected)
{
	ASSERT_REFUSED("ldxb %r0, %r1\nexit", 1, "%r1", "expected a memory operand, got '%r1'");
	ASSERT_REFUSED("stxw %r1, %r2", 1, "%r1", "expected a memory operand, got '%r1'");
}

TEST(labels)
{
	struct sip_insn *insns;

	ASSERT_REFUSED("ja NOT_A_LABEL\nexit", 1, "NOT_A_LABEL", "unknown label 'NOT_A_LABEL'");
	ASSERT_REFUSED("a:\nmov %r0, 0\n\na: exit", 4, "a", "duplicate label 'a' (first defined on line 1)");
	ASSERT_REFUSED("jeq %r0, 1, 2", 1, "2", "expected a label or +N/-N, got '2'");

	/* a label before an instruction, backwards and forwards, and the implicit "exit" */
	ASSERT_EQ(6, assemble(_metadata, "start: mov %r0, 0 # comment\n"
			      "jeq %r0, 1, exit\nja32 end\ncall local start\nend:\nexit\nja start\n",
			      &insns));
	EXPECT_EQ(2, insns[1].off);	/* to the first exit */
	EXPECT_EQ(1, insns[2].imm);
	EXPECT_EQ(-4, insns[3].imm);
	EXPECT_EQ(-6, insns[5].off);
	free(insns);
}

TEST(jump_range)
{
	size_t n = 40000, i;
	char *text = malloc(n * 6 + 64);
	struct sip_insn *insns;
	char *p = text;

	ASSERT_NE(NULL, text);
	p += sprintf(p, "ja far\nja32 far\n");
	for (i = 0; i < n; i++)
		p += sprintf(p, "exit\n");
	sprintf(p, "far: exit\n");
	ASSERT_REFUSED(text, 1, "far", "jump to 'far' out of 16-bit range (offset 40001)");
	/* ja32 reaches it through imm */
	ASSERT_EQ(n + 2, assemble(_metadata, text + strlen("ja far\n"), &insns));
	EXPECT_EQ((s32)n, insns[0].imm);
	free(insns);
	ASSERT_REFUSED("ja +32768", 1, "+32768", "jump offset '+32768' out of 16-bit range");
	free(text);
}

TEST(trailing_garbage)
{
	ASSERT_REFUSED("add32 %r0, 5 junk", 1, "junk", "trailing garbage 'junk'");
	ASSERT_REFUSED("ldxw %r0, [%r1+4] x", 1, "x", "trailing garbage 'x'");
	ASSERT_REFUSED("ja end x\nend: exit", 1, "x", "trailing garbage 'x'");
}

TEST(error_format)
{
	struct sip_asm_error err = refuse("mov %r0, 0\n\nor %r0, %r50\n");
	char buf[256];

	sip_asm_error_format(&err, buf, sizeof(buf));
	EXPECT_STREQ("line 3: invalid register '%r50'", buf);
}

TEST(aliases)
{
	struct sip_insn *alias, *canon;
	char buf[SIP_DISASM_MAX];
	u32 i;

	ASSERT_EQ(3, assemble(_metadata, "swap16 %r1\nswap32 %r2\nswap64 %r3", &alias));
	ASSERT_EQ(3, assemble(_metadata, "bswap16 %r1\nbswap32 %r2\nbswap64 %r3", &canon));
	for (i = 0; i < 3; i++)
		EXPECT_EQ(bits(&canon[i]), bits(&alias[i]));
	ASSERT_EQ(1, sip_disasm_insn(alias, 3, 0, buf, sizeof(buf)));
	EXPECT_STREQ("bswap16 %r1", buf);
	free(alias);
	free(canon);
}

TEST(round_trip_program)
{
	static const char text[] =
		"mov %r0, 0\n"
		"lddw %r1, 0x1122334455667788\n"
		"loop: add32 %r0, 1\n"
		"jne32 %r0, 10, loop\n"
		"stxdw [%r10-8], %r1\n"
		"lock fetch add [%r10-8], %r0\n"
		"lock cmpxchg32 [%r10-4], %r2\n"
		"ldxsh %r3, [%r10-8]\n"
		"movsx1664 %r4, %r3\n"
		"smod32 %r4, -3\n"
		"call local f\n"
		"call 5\n"
		"call %r2\n"
		"exit\n"
		"f: be16 %r1\n"
		"exit\n";
	struct sip_insn *insns;
	u32 len;

	len = assemble(_metadata, text, &insns);
	ASSERT_EQ(17, len);
	EXPECT_EQ(0, sip_prog_check(insns, len, NULL));
	round_trip(_metadata, insns, len);
	free(insns);
}

/* Fills the operand fields of @insn for its row with values that show. */
static void fill_operands(struct sip_insn *insn, const struct sip_insn_desc *d)
{
	const struct sip_fmt_syntax *syn = &sip_fmt_syntax[d->fmt];
	int i;

	for (i = 0; i < syn->count; i++) {
		switch (syn->opnds[i]) {
		case SIP_OPND_DST:
		case SIP_OPND_MEM_DST:
			insn->dst = 10;
			break;
		case SIP_OPND_SRC:
		case SIP_OPND_MEM_SRC:
			insn->src = 9;
			break;
		case SIP_OPND_IMM:
		case SIP_OPND_IMM64:
		case SIP_OPND_JUMP_IMM:
		case SIP_OPND_LOCAL:
			insn->imm = -123456;
			break;
		case SIP_OPND_JUMP_OFF:
			break;
		}
		if (syn->opnds[i] == SIP_OPND_MEM_DST || syn->opnds[i] == SIP_OPND_MEM_SRC ||
		    syn->opnds[i] == SIP_OPND_JUMP_OFF)
			insn->off = -32768;
	}
}

TEST(every_row)
{
	char buf[SIP_DISASM_MAX], *text;
	struct sip_insn *again;
	int op, n;

	for (op = 0; op < SIP_OP__COUNT; op++) {
		const struct sip_insn_desc *d = &sip_insn_descs[op];
		struct sip_insn insn[2] = { { 0 } };

		sip_insn_make(insn, op, 0, 0, 0, 0);
		fill_operands(&insn[0], d);
		if (d->fmt == SIP_FMT_LDDW)	/* pseudo forms: the high half is reserved */
			insn[1].imm = 0x7eadbeef;
		ASSERT_EQ(op, sip_insn_check(insn, 2, 0, NULL));

		n = sip_disasm_insn(insn, 2, 0, buf, sizeof(buf));
		ASSERT_EQ((int)sip_op_slots(op), n) TH_LOG("row %d (%s)", op, d->mnem);
		EXPECT_EQ(0, strncmp(buf, d->mnem, strlen(d->mnem))) TH_LOG("%s", buf);
		text = buf;
		ASSERT_EQ((u32)n, assemble(_metadata, text, &again)) TH_LOG("%s", text);
		EXPECT_EQ(bits(&insn[0]), bits(&again[0])) TH_LOG("row %d: %s", op, text);
		if (n == 2)
			EXPECT_EQ(bits(&insn[1]), bits(&again[1])) TH_LOG("%s", text);
		free(again);
	}
}

TEST(disasm_refuses)
{
	struct sip_insn insns[2] = { { 0 } };
	struct sip_insn *lddw;
	char buf[SIP_DISASM_MAX];

	insns[0].code = sip_insn_descs[SIP_OP_EXIT].code;
	insns[0].imm = 1;	/* a reserved field */
	EXPECT_EQ(-EINVAL, sip_disasm_insn(insns, 1, 0, buf, sizeof(buf)));
	insns[0].imm = 0;
	EXPECT_EQ(1, sip_disasm_insn(insns, 1, 0, buf, sizeof(buf)));
	EXPECT_STREQ("exit", buf);
	EXPECT_EQ(-EINVAL, sip_disasm_insn(insns, 1, 1, buf, sizeof(buf)));
	EXPECT_EQ(-ENOSPC, sip_disasm_insn(insns, 1, 0, buf, 4));
	insns[0].code = 0xff;	/* no such opcode */
	EXPECT_EQ(-EINVAL, sip_disasm_insn(insns, 1, 0, buf, sizeof(buf)));

	ASSERT_EQ(2, assemble(_metadata, "lddw %r0, 1", &lddw));
	EXPECT_EQ(-EINVAL, sip_disasm_insn(lddw, 1, 0, buf, sizeof(buf)));	/* half of it */
	EXPECT_EQ(2, sip_disasm_insn(lddw, 2, 0, buf, sizeof(buf)));
	EXPECT_STREQ("lddw %r0, 0x1", buf);
	free(lddw);
}

TEST_HARNESS_MAIN
