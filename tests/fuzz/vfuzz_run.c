// SPDX-License-Identifier: GPL-2.0
/*
 * The verifier fuzzer's judge: every program the verifier accepts runs in
 * the checked interpreter, its every state checked against the states the
 * verifier recorded for the same instruction (the state-embedding oracle,
 * vembed.h), message handlers against the mock runtime. A fault other than
 * the instruction budget, a state outside the verifier's, a runtime
 * promise broken (a helper given a block the run does not hold, a block
 * still held at the end) or a result that depends on where memory is, is a
 * finding: the program is printed as text the assembler reads back.
 */
#include <setjmp.h>

#include "vfuzz.h"
#include "image_verify.h"
#include "rewrite.h"

struct vf_stats vf_stats;
bool vf_print_all;
void *vf_finding_jmp;

#define NR_REASONS 64
static struct {
	char msg[48];
	u64 count;
} reasons[NR_REASONS];

/* Counts a refusal under its message with the numbers taken out. */
void vf_note_reason(const char *msg)
{
	char key[48];
	u32 i, n = 0;

	for (; *msg && n + 1 < sizeof(key); msg++)
		if ((*msg < '0' || *msg > '9') && *msg != '-')
			key[n++] = *msg;
	key[n] = 0;
	for (i = 0; i < NR_REASONS && reasons[i].count; i++)
		if (!strcmp(reasons[i].msg, key))
			break;
	if (i == NR_REASONS)
		return;
	if (!reasons[i].count)
		memcpy(reasons[i].msg, key, n + 1);
	reasons[i].count++;
}

/*
 * Where a run's memory lies. In each place the stack, read-only and
 * writable data are 64 KiB apart, so that an access past one of them cannot
 * land in another and go unseen. The second place is elsewhere and its
 * stack starts with other garbage: a program whose result depends on
 * addresses (a pointer leaked as a number) or on stack it never wrote gives
 * itself away by answering differently there.
 */
#define ARENA_GAP	(64 << 10)
#define NR_PLACES	2

struct place {
	u64 *stack, *rodata, *data;
	u8 poison;
};

static u64 arena[4 * NR_PLACES * ARENA_GAP / 8];
static struct place places[NR_PLACES];

void vf_places_init(void)
{
	u32 i;

	for (i = 0; i < NR_PLACES; i++) {
		u64 *base = &arena[(i * 4 * ARENA_GAP + i * 0x1238) / 8];

		places[i].stack = base + 1 * ARENA_GAP / 8;
		places[i].rodata = base + 2 * ARENA_GAP / 8;
		places[i].data = base + 3 * ARENA_GAP / 8;
		places[i].poison = i ? 0x5a : 0xa5;
	}
	vf_mock_init();
}

/*
 * The case's read-only data when the verifier is told its content (bit 7
 * of fill_how): the same in every run, for loads it takes as constants.
 * Otherwise each run's differs, and the verifier may assume nothing.
 */
static u64 rodata_content[RODATA_SIZE / 8];

static bool rodata_known(const struct vf_case *c)
{
	return c->fill_how & 0x80;
}

static void fill(u64 *buf, u32 size, u8 how, u64 seed);

/* Strings: printable bytes, a NUL every few. */
static void fill_strings(u8 *buf, u32 size, u64 seed)
{
	u32 i;

	for (i = 0; i < size; i++) {
		seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
		buf[i] = seed % 6 ? 'a' + seed % 26 : 0;
	}
	buf[size - 1] = 0;
}

static void rodata_fill_case(const struct vf_case *c)
{
	if ((c->fill_how >> 2) % 8 >= 4)
		fill_strings((u8 *)rodata_content, RODATA_SIZE, ~c->seed);
	else
		fill(rodata_content, RODATA_SIZE, c->fill_how >> 2, ~c->seed);
}

static void fill(u64 *buf, u32 size, u8 how, u64 seed)
{
	u32 i;

	for (i = 0; i < size / 8; i++) {
		seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
		switch (how % 4) {
		case 0:
			buf[i] = seed;
			break;
		case 1:
			buf[i] = 0;
			break;
		case 2:
			buf[i] = ~0ull;
			break;
		default:
			buf[i] = vf_imm64_table[seed % vf_nr_imm64];
			break;
		}
	}
}

void vf_print_program(const struct sip_insn *insns, u32 len)
{
	char text[SIP_DISASM_MAX];
	u32 pc;
	int n;

	for (pc = 0; pc < len; pc += n) {
		n = sip_disasm_insn(insns, len, pc, text, sizeof(text));
		if (n < 0) {
			fprintf(stderr, "\t.invalid\t# %u\n", pc);
			n = 1;
			continue;
		}
		fprintf(stderr, "\t%-40s # %u\n", text, pc);
	}
}

/* Where a faulting address lies, in the program's terms: near which base. */
static void print_addr(const struct place *pl, u64 addr)
{
	const struct {
		const char *name;
		u64 base;
	} bases[] = {
		{ "data", (unsigned long)pl->data },
		{ "rodata", (unsigned long)pl->rodata },
		{ "stack (frame 0's r10)", (unsigned long)pl->stack + SIP_RUN_STACK_BYTES },
	};
	u32 i, best = 0;

	for (i = 1; i < ARRAY_SIZE(bases); i++)
		if (llabs((s64)(addr - bases[i].base)) < llabs((s64)(addr - bases[best].base)))
			best = i;
	fprintf(stderr, "%s%+lld", bases[best].name, (long long)(addr - bases[best].base));
}

/* What a case holds while it runs: freed by a report that jumps away. */
static struct {
	struct sip_prog *here, *there, *jit;
	struct sip_vembed *e, *jit_e;
	struct sip_insn *jit_code, *jit_told;
	u32 jit_len;
} live;

static void free_live(void)
{
	sip_prog_free(live.here);
	sip_prog_free(live.there);
	sip_prog_free(live.jit);
	sip_vembed_free(live.e);
	sip_vembed_free(live.jit_e);
	sip_free(live.jit_code);
	free(live.jit_told);
	memset(&live, 0, sizeof(live));
}

/* One run of a case: where, with what, and what the oracle saw. */
struct trial {
	const struct vf_case *c;
	const struct place *pl;
	u32 i;				/* which of the case's runs */
	struct sip_run run;
	struct sip_vembed *e;		/* the oracle, or NULL */
	char why[2048];			/* its verdict, or the mock's */
	/* the kernel JIT's form (vf_check_jit) */
	const struct sip_insn *code;	/* rewritten and relocated, or NULL */
	u32 *halt;			/* its halt word */
};

static void __attribute__((noreturn)) report(const struct vf_case *c, const char *what,
					      const struct trial *t)
{
	fprintf(stderr, "\nverifier_fuzz: SOUNDNESS BUG: %s\n", what);
	if (t) {
		const struct sip_run *run = &t->run;

		if (run->fault.kind == SIP_FAULT_MEM || run->fault.kind == SIP_FAULT_READONLY ||
		    run->fault.kind == SIP_FAULT_ALIGN) {
			fprintf(stderr, "verifier_fuzz: fault: %s at insn %u, %u bytes at ",
				sip_fault_name(run->fault.kind), run->fault.insn, run->fault.size);
			print_addr(t->pl, run->fault.addr);
			fprintf(stderr, "\n");
		} else if (run->fault.kind) {
			fprintf(stderr, "verifier_fuzz: %s at insn %u\n",
				sip_fault_name(run->fault.kind), run->fault.insn);
		}
		if (t->why[0])
			fprintf(stderr, "verifier_fuzz: %s\n", t->why);
		if (c->kind == SIP_VKIND_RAW)
			fprintf(stderr, "verifier_fuzz: r1 = %#llx, ", run->args[0]);
		else
			fprintf(stderr, "verifier_fuzz: message tag %u, block %u bytes%s, script %#llx, ",
				c->ms[t->i].tag, c->ms[t->i].block_size,
				c->ms[t->i].lent ? " (lent)" : "", c->ms[t->i].script);
		fprintf(stderr, "data_size %u, rodata_size %u\n", c->data_size, RODATA_SIZE);
		if (run->fault.kind == SIP_FAULT_STEP && t->e) {
			static char states[1 << 16];

			sip_vembed_print(t->e, run->fault.insn, states, sizeof(states));
			fprintf(stderr, "verifier_fuzz: the verifier's states there:\n%s", states);
		}
	}
	if (t && t->code) {
		fprintf(stderr, "verifier_fuzz: its kernel JIT form (%u insns):\n", live.jit_len);
		vf_print_program(t->code, live.jit_len);
	}
	fprintf(stderr, "verifier_fuzz: the %s program (%u insns):\n",
		c->kind == SIP_VKIND_RAW ? "raw" : "message handler", c->len);
	vf_print_program(c->insns, c->len);
	vf_stats.findings++;
	vf_print_stats();
	if (vf_finding_jmp) {
		free_live();
		longjmp(*(jmp_buf *)vf_finding_jmp, 1);
	}
	__builtin_trap();
}

/*
 * The program with every private-data lddw turned into an address in @pl,
 * loaded. An instruction the loader refuses (a call of no helper) that the
 * verifier never reached is dead code to it: it becomes an exit, which the
 * oracle reports if a run ever gets there.
 */
static struct sip_prog *load_at(const struct vf_case *c, const struct place *pl,
				const struct sip_vembed *e)
{
	static struct sip_insn reloc[MAX_INSNS];
	struct sip_prog *prog;
	struct sip_diag diag;
	u32 pc;

	memcpy(reloc, c->insns, c->len * sizeof(*c->insns));
	for (pc = 0; pc < c->len; pc++) {
		int op = sip_insn_op(&reloc[pc]);
		u64 addr;

		if (op != SIP_OP_LDDW_DATA && op != SIP_OP_LDDW_RODATA)
			continue;
		addr = (op == SIP_OP_LDDW_DATA ? (unsigned long)pl->data :
			(unsigned long)pl->rodata) + (u32)reloc[pc].imm;
		reloc[pc].src = SIP_PSEUDO_IMM;
		reloc[pc].imm = (s32)(u32)addr;
		reloc[pc + 1].imm = (s32)(u32)(addr >> 32);
		pc++;
	}
	while (sip_prog_load(reloc, c->len, c->kind == SIP_VKIND_RAW ? NULL : vf_mock_helpers(),
			     &prog, &diag)) {
		if (e && diag.insn < c->len && !sip_vembed_reached(e, diag.insn) &&
		    sip_insn_op(&reloc[diag.insn]) == SIP_OP_CALL) {
			sip_insn_make(&reloc[diag.insn], SIP_OP_EXIT, 0, 0, 0, 0);
			continue;
		}
		fprintf(stderr, "verifier_fuzz: insn %u: %s\n", diag.insn, diag.msg);
		report(c, "the interpreter refuses an accepted program", NULL);
	}
	return prog;
}

/* The oracle, before every instruction: the run's state is one the verifier recorded. */
static int oracle_step(void *cookie, const struct sip_step *s)
{
	struct trial *t = cookie;
	struct sip_vcaller callers[SIP_MAX_CALL_DEPTH];
	struct sip_vconcrete cs = {
		.pc = s->pc, .depth = s->depth, .regs = s->regs, .callers = callers,
		.stack_top = s->stack_top, .data = (unsigned long)t->pl->data,
		.rodata = (unsigned long)t->pl->rodata, .nr_channels = t->c->nr_channels,
	};
	u32 i;

	for (i = 0; i < s->depth; i++) {
		memcpy(callers[i].saved, s->frames[i].saved, sizeof(callers[i].saved));
		callers[i].ret = s->frames[i].ret;
	}
	if (t->c->kind != SIP_VKIND_RAW) {
		cs.ctx = vf_mock_ctx();
		cs.blocks = vf_mock_blocks(&cs.nr_blocks);
		if (t->c->kind == SIP_ENTRY_MSG)
			cs.msg = (const struct sip_msg *)(unsigned long)cs.ctx;
	}
	vf_stats.oracle_steps++;
	return sip_vembed_step(t->e, &cs, t->why, sizeof(t->why));
}

/*
 * After a helper stopped the SIP, what may still run of the kernel JIT's
 * form is the rewriter's way out: r11 reloaded after the call, the halt
 * word loaded and tested (and the test taken), the fuel's unwind test, the
 * halt and trap blocks' "r11 = -1; r0 = 0; exit". No instruction of the
 * driver's own.
 */
static bool way_out(const struct sip_insn *insn, const u64 *regs, u64 halt)
{
	switch (sip_insn_op(insn)) {
	case SIP_OP_LDXDW:
		return insn->dst == SIP_REG_AUX && insn->src == SIP_REG_FP;
	case SIP_OP_LDDW:
		return insn->dst == 1 && sip_lddw_imm(insn) == halt;
	case SIP_OP_LDXW:
		return insn->dst == 1 && insn->src == 1 && !insn->off;
	case SIP_OP_JNE_K:
		return insn->dst == 1 && !insn->imm && regs[1];
	case SIP_OP_JSLT_K:
		return insn->dst == SIP_REG_AUX && !insn->imm;
	case SIP_OP_MOV64_K:
		return (!insn->dst && !insn->imm) || (insn->dst == SIP_REG_AUX && insn->imm == -1);
	case SIP_OP_EXIT:
		return true;
	default:
		return false;
	}
}

static int jit_step(void *cookie, const struct sip_step *s)
{
	struct trial *t = cookie;

	if (!vf_mock_halted())
		return t->e ? oracle_step(cookie, s) : 0;
	if (way_out(&t->code[s->pc], s->regs, (unsigned long)t->halt))
		return 0;
	snprintf(t->why, sizeof(t->why),
		 "insn %u of the JIT form ran after a helper stopped the SIP (halt word %u)", s->pc,
		 *t->halt);
	return -1;
}

/* One checked run in @t->pl, its memory filled from the case first. */
static int run_at(const struct sip_prog *prog, struct trial *t)
{
	const struct vf_case *c = t->c;
	struct sip_run *run = &t->run;
	/* The JIT form reads its halt word, right after the read-only data. */
	const struct sip_region regions[] = {
		{ (unsigned long)t->pl->data, c->data_size, true },
		{ (unsigned long)t->pl->rodata, RODATA_SIZE + (t->code ? SIP_RUNTIME_RODATA : 0),
		  false },
	};
	int ret;

	memset(run, 0, sizeof(*run));
	t->why[0] = 0;
	run->args[0] = c->r1[t->i];
	run->stack = t->pl->stack;
	run->regions = regions;
	run->nr_regions = ARRAY_SIZE(regions);
	run->budget = RUN_BUDGET;
	fill(t->pl->data, (c->data_size + 7) & ~7u, c->fill_how, c->seed + t->i);
	if (rodata_known(c))
		memcpy(t->pl->rodata, rodata_content, RODATA_SIZE);
	else
		fill(t->pl->rodata, RODATA_SIZE, c->fill_how >> 2, ~(c->seed + t->i));
	memset(t->pl->stack, t->pl->poison, SIP_RUN_STACK_BYTES);
	if (t->code) {
		t->halt = (u32 *)((u8 *)t->pl->rodata + sip_halt_word_off(RODATA_SIZE));
		*t->halt = 0;
		run->run_on = true;		/* native code runs on after a fault */
		run->hidden_slot = true;	/* r11's slot below each frame */
		run->step = jit_step;
		run->step_cookie = t;
	}
	vf_mock_start(c->kind == SIP_VKIND_RAW ? NULL : &c->ms[t->i], (u32)(t->pl - places), run,
		      t->code ? t->halt : NULL);
	if (t->e) {
		sip_vembed_run_start(t->e);
		if (!t->code)
			run->step = oracle_step;
		run->step_cookie = t;
	}
	vf_stats.runs++;
	ret = sip_interp_run_checked(prog, run);
	if (!ret && c->kind != SIP_VKIND_RAW && vf_mock_finish(t->why, sizeof(t->why)))
		report(c, "the runtime's rules are broken", t);
	return ret;
}

/* The same run elsewhere must give the same answer and leave the same data. */
static void check_elsewhere(const struct sip_prog *there, const struct trial *here)
{
	struct trial t = { .c = here->c, .pl = &places[1], .i = here->i };

	if (run_at(there, &t) && t.run.fault.kind != SIP_FAULT_BUDGET)
		report(here->c, "an accepted program faults", &t);
	if (t.run.r0 == here->run.r0 && t.run.executed == here->run.executed &&
	    !memcmp(places[0].data, places[1].data, here->c->data_size))
		return;
	fprintf(stderr, "\nverifier_fuzz: r0 %#llx, %llu insns run; elsewhere r0 %#llx, %llu insns run%s\n",
		here->run.r0, here->run.executed, t.run.r0, t.run.executed,
		memcmp(places[0].data, places[1].data, here->c->data_size) ? ", other data" : "");
	report(here->c, "the result depends on addresses or on unwritten stack (a leak)", here);
}

/* What the interpreter's form of each run gave: the JIT's form must give it too. */
static struct {
	bool done;
	u64 r0;
	u8 data[MAX_DATA];
} gave[NR_RUNS];

static void run_accepted(const struct vf_case *c, struct sip_vembed *e)
{
	struct sip_prog *here, *there;
	u32 i;

	for (i = 0; i < NR_RUNS; i++)
		gave[i].done = false;	/* a run cut short leaves nothing to compare with */
	here = live.here = load_at(c, &places[0], e);
	there = live.there = load_at(c, &places[1], e);
	for (i = 0; i < NR_RUNS; i++) {
		struct trial t = { .c = c, .pl = &places[0], .i = i, .e = e };

		if (!run_at(here, &t)) {
			gave[i].done = true;
			gave[i].r0 = t.run.r0;
			memcpy(gave[i].data, places[0].data, c->data_size);
			if (i == 0)
				check_elsewhere(there, &t);
			continue;
		}
		if (t.run.fault.kind == SIP_FAULT_BUDGET) {
			vf_stats.budget++;
			break;	/* it may well loop for ever: do not try again */
		}
		if (t.run.fault.kind == SIP_FAULT_ABORT && c->kind != SIP_VKIND_RAW &&
		    !vf_mock_finish(t.why, sizeof(t.why)))
			continue;	/* the driver's sip_abort() or a helper's refusal: fine */
		report(c, t.run.fault.kind == SIP_FAULT_STEP ?
		       "a state outside every state the verifier recorded there" :
		       "an accepted program faults", &t);
	}
	free_live();
}

/* ---- the kernel JIT's form ---- */

/*
 * The manifest's channels: a ping server, a ping client, a block server;
 * constant tags the driver's side never sends are refused (tag 0 and the
 * others' tags).
 */
static const struct sip_manifest_chan fuzz_chans[MOCK_MAX_CHANS] = {
	SIP_SERVES("a", PING), SIP_USES("b", PING), SIP_SERVES("c", BLOCK),
};

#define JIT_FLAGS	(SIP_RW_SAVE_AUX | SIP_RW_LOWER_V4 | SIP_RW_JIT_FIXUPS | SIP_RW_HALT_CHECK)
#define JIT_FUEL	10000	/* instructions: spent before RUN_BUDGET in endless loops */

/* Helper numbers as the mock's table has them: the trap right after the last. */
static s64 encode_jit(void *cookie, u32 nr)
{
	(void)cookie;
	if (nr == SIP_HELPER_TRAP)
		return SIP_HELPER__END;
	return nr < SIP_HELPER__END ? (s64)nr : -1;
}

/*
 * The kernel JIT cannot run here; its input can: the program rewritten as
 * the JIT engine loads it (fuel, r11 kept in the hidden slot, v4 lowered,
 * divisions guarded, the halt word tested after every call that may stop
 * the SIP), run in the interpreter in run-on mode, as native code would run
 * on after a helper's fault. Until a helper stops the SIP its states must
 * be the verifier's for the rewritten code; after, only the rewriter's way
 * out may run; a run that ends without a fault must give the interpreter's
 * form's answer.
 *
 * The verifier is told the rewritten code with the exits of its way-out
 * blocks (the halt, fuel trap and unwind blocks, the targets of the halt
 * word's test and of r11's, a register drivers cannot name) made
 * self-loops: those paths end in a fault, after which the runtime reclaims
 * the blocks still owned, which the verifier would call leaks; a self-loop
 * is pruned when met again, with no exit checks. Every other instruction
 * is the run's own, at the same index.
 */
static bool halt_test(const struct sip_insn *c, u32 pc)
{
	return pc >= 3 && sip_insn_op(&c[pc]) == SIP_OP_JNE_K && c[pc].dst == 1 && !c[pc].imm &&
	       sip_insn_op(&c[pc - 1]) == SIP_OP_LDXW && c[pc - 1].dst == 1 &&
	       sip_insn_op(&c[pc - 3]) == SIP_OP_LDDW_RODATA &&
	       sip_lddw_imm(&c[pc - 3]) == sip_halt_word_off(RODATA_SIZE);
}

static struct sip_insn *fault_exits_as_loops(const struct sip_insn *code, u32 len)
{
	struct sip_insn *c = malloc(len * sizeof(*c));
	u32 pc, t;

	if (!c)
		return NULL;
	memcpy(c, code, len * sizeof(*c));
	for (pc = 0; pc < len; pc++) {
		int op = sip_insn_op(&c[pc]);

		if (!halt_test(c, pc) &&
		    !(op == SIP_OP_JSLT_K && c[pc].dst == SIP_REG_AUX && !c[pc].imm))
			continue;
		/* The block's exit (blocks are shared: it may be a loop already). */
		for (t = pc + 1 + c[pc].off; t < len; t++) {
			if (sip_insn_op(&c[t]) == SIP_OP_EXIT)
				sip_insn_make(&c[t], SIP_OP_JA, 0, 0, -1, 0);
			if (sip_insn_op(&c[t]) == SIP_OP_JA && c[t].off == -1)
				break;
		}
	}
	return c;
}

/* A call of no helper the verifier never reached (dead code to it) becomes an exit. */
static void drop_dead_calls(struct sip_insn *c, u32 len, const struct sip_vembed *e)
{
	u32 pc;

	for (pc = 0; e && pc < len; pc++)
		if (sip_insn_op(&c[pc]) == SIP_OP_CALL && c[pc].imm != SIP_HELPER_TRAP &&
		    (c[pc].imm <= 0 || c[pc].imm >= SIP_HELPER__END) && !sip_vembed_reached(e, pc))
			sip_insn_make(&c[pc], SIP_OP_EXIT, 0, 0, 0, 0);
}

static void check_jit(const struct vf_case *c, const struct sip_verify_stats *st)
{
	struct sip_rewrite_opts ro = {
		.fuel = JIT_FUEL, .flags = JIT_FLAGS, .rodata_size = RODATA_SIZE,
		.func_stack = st->stack_depth, .nr_funcs = st->nr_funcs,
	};
	struct sip_verify_opts opts = { .max_processed = 4 * MAX_PROCESSED,
					.max_states = MAX_STATES };
	struct sip_vprog vprog = {
		.kind = c->kind, .flags = SIP_VF_REWRITTEN, .data_size = c->data_size,
		.rodata_size = RODATA_SIZE + SIP_RUNTIME_RODATA, .nr_slots = c->nr_slots,
		.nr_channels = c->nr_channels,
		/* the runtime's words after the driver's are not constants */
		.rodata = rodata_known(c) ? (const u8 *)rodata_content : NULL,
		.rodata_const = rodata_known(c) ? RODATA_SIZE : 0,
	};
	struct sip_vembed *e;
	struct sip_diag diag;
	u32 i;
	int ret;

	if (sip_rewrite(c->insns, c->len, &ro, &live.jit_code, &live.jit_len, &diag)) {
		vf_stats.jit_not_lowered++;	/* sdiv, smod: refused for this JIT, rightly */
		goto out;
	}
	for (i = 0; i < c->nr_channels && i < MOCK_MAX_CHANS; i++)
		sip_vchan_from_manifest(&vprog.chans[i], &fuzz_chans[i]);
	vprog.insns = live.jit_told = fault_exits_as_loops(live.jit_code, live.jit_len);
	vprog.len = live.jit_len;
	if (!vprog.insns)
		goto out;
	e = live.jit_e = sip_vembed_new(&vprog);
	if (e) {
		opts.record = sip_vembed_record;
		opts.record_cookie = e;
	}
	ret = sip_verify(&vprog, &opts, NULL, &diag);
	if (ret == -E2BIG)
		goto out;	/* longer than the original: past the fuzzer's limits */
	/*
	 * Refused, the JIT form runs without the oracle (its way out and its
	 * answer are still checked). That is imprecision, not a hole: a
	 * division guarded on a send's result splits the paths on it before
	 * the driver's own test of a copy, whose zid is not narrowed with it.
	 */
	if (ret)
		vf_stats.jit_unverified++;
	if (e && (ret || !sip_vembed_complete(e)))
		e = NULL;
	drop_dead_calls(live.jit_code, live.jit_len, e);
	if (sip_relocate(live.jit_code, live.jit_len, (unsigned long)places[0].data,
			 (unsigned long)places[0].rodata, encode_jit, NULL, &diag) ||
	    sip_prog_load_flags(live.jit_code, live.jit_len, SIP_CHECK_AUX_REG, vf_mock_helpers(),
				&live.jit, &diag)) {
		fprintf(stderr, "verifier_fuzz: insn %u of the JIT form: %s\n", diag.insn, diag.msg);
		report(c, "the kernel JIT's form of an accepted program does not load", NULL);
	}
	vf_stats.jit_programs++;
	for (i = 0; i < NR_RUNS; i++) {
		struct trial t = {
			.c = c, .pl = &places[0], .i = i, .e = e, .code = live.jit_code,
		};

		vf_stats.jit_runs++;
		if (run_at(live.jit, &t)) {
			if (t.run.fault.kind == SIP_FAULT_BUDGET)
				break;
			report(c, t.run.fault.kind == SIP_FAULT_STEP ?
			       "the kernel JIT's form leaves the verifier's states, or runs on after a fault" :
			       "the kernel JIT's form of an accepted program faults", &t);
		}
		if (t.run.fault.kind) {	/* a helper stopped the SIP; it ran its way out */
			vf_stats.jit_halts++;
			continue;
		}
		if (gave[i].done && (t.run.r0 != gave[i].r0 ||
				     memcmp(gave[i].data, places[0].data, c->data_size))) {
			snprintf(t.why, sizeof(t.why), "r0 %#llx, the interpreter's form %#llx%s",
				 t.run.r0, gave[i].r0,
				 memcmp(gave[i].data, places[0].data, c->data_size) ?
				 ", other data" : "");
			report(c, "the kernel JIT's form computes otherwise", &t);
		}
	}
out:
	free_live();
}

void vf_print_stats(void)
{
	static const char *const shapes[SH__COUNT] = {
		[SH_MSG_BLOCK] = "message's block", [SH_SLOT] = "slot", [SH_SEND] = "send",
		[SH_JOIN] = "sizes joined", [SH_RECHECK] = "size checked again",
		[SH_LOOP_SEND] = "loop that sends", [SH_PENDING] = "pending across a loop",
		[SH_ABORT] = "abort", [SH_LEN_LOOP] = "loop bounded by a length",
		[SH_TLV] = "records walked", [SH_MSG_SIZE] = "msg->block_size",
		[SH_STACK_VAR] = "variable stack offset", [SH_RODATA_WALK] = "read-only data walked",
	};
	u32 i;

	fprintf(stderr, "verifier_fuzz: %llu programs, %llu accepted (%.1f%%), %llu runs, %llu stopped by the budget, %llu findings\n",
		vf_stats.programs, vf_stats.accepted,
		vf_stats.programs ? 100.0 * vf_stats.accepted / vf_stats.programs : 0.0,
		vf_stats.runs, vf_stats.budget, vf_stats.findings);
	fprintf(stderr, "verifier_fuzz: raw %llu built, %llu accepted; message handlers %llu built, %llu accepted; %llu states checked, %llu of %llu recorded kept\n",
		vf_stats.by_kind[0][0], vf_stats.by_kind[0][1], vf_stats.by_kind[1][0],
		vf_stats.by_kind[1][1], vf_stats.oracle_steps, vf_stats.states_kept,
		vf_stats.states_recorded);
	fprintf(stderr, "verifier_fuzz: kernel JIT form: %llu programs (%llu not for this JIT, %llu refused rewritten), %llu runs, %llu stopped by a helper and run out\n",
		vf_stats.jit_programs, vf_stats.jit_not_lowered, vf_stats.jit_unverified,
		vf_stats.jit_runs, vf_stats.jit_halts);
	fprintf(stderr, "verifier_fuzz: message handlers with");
	for (i = 0; i < SH__COUNT; i++)
		fprintf(stderr, "%s %s %llu/%llu", i ? "," : "", shapes[i], vf_stats.by_shape[i][1],
			vf_stats.by_shape[i][0]);
	fprintf(stderr, " (accepted/built)\n");
	if (!getenv("SIPDRV_FUZZ_STATS"))
		return;
	for (i = 0; i < NR_REASONS && reasons[i].count; i++)
		fprintf(stderr, "verifier_fuzz: %10llu refused: %s\n", reasons[i].count,
			reasons[i].msg);
}

static void print_verdict(const struct sip_vprog *vprog, const struct sip_diag *diag)
{
	char msg[256];

	if (diag)
		sip_verify_format(vprog, diag, msg, sizeof(msg));
	fprintf(stderr, "verifier_fuzz: %s%s\n", diag ? "refused: " : "accepted", diag ? msg : "");
}

void vf_check_case(const struct vf_case *c)
{
	struct sip_verify_opts opts = { .max_processed = MAX_PROCESSED, .max_states = MAX_STATES };
	struct sip_vprog vprog = {
		.insns = c->insns, .len = c->len, .kind = c->kind, .data_size = c->data_size,
		.rodata_size = RODATA_SIZE, .nr_slots = c->nr_slots,
		.nr_channels = c->nr_channels,
		.rodata = rodata_known(c) ? (const u8 *)rodata_content : NULL,
		.rodata_const = rodata_known(c) ? RODATA_SIZE : 0,
	};
	u32 k = c->kind != SIP_VKIND_RAW;
	struct sip_verify_stats st;
	struct sip_vembed *e;
	struct sip_diag diag;
	u64 recorded, kept;
	u32 i;

	for (i = 0; i < c->nr_channels && i < MOCK_MAX_CHANS; i++)
		sip_vchan_from_manifest(&vprog.chans[i], &fuzz_chans[i]);
	rodata_fill_case(c);
	vf_stats.programs++;
	vf_stats.by_kind[k][0]++;
	for (i = 0; i < SH__COUNT; i++)
		vf_stats.by_shape[i][0] += (c->shapes >> i) & 1;
	if (vf_print_all) {
		fprintf(stderr, "verifier_fuzz: program, data_size %u:\n", c->data_size);
		vf_print_program(c->insns, c->len);
	}
	e = live.e = sip_vembed_new(&vprog);
	if (e) {
		opts.record = sip_vembed_record;
		opts.record_cookie = e;
	}
	if (sip_verify(&vprog, &opts, &st, &diag)) {
		vf_note_reason(diag.msg);
		if (vf_print_all)
			print_verdict(&vprog, &diag);
		free_live();
		return;
	}
	vf_stats.accepted++;
	vf_stats.by_kind[k][1]++;
	for (i = 0; i < SH__COUNT; i++)
		vf_stats.by_shape[i][1] += (c->shapes >> i) & 1;
	if (vf_print_all)
		print_verdict(&vprog, NULL);
	if (e) {
		sip_vembed_counts(e, &recorded, &kept);
		vf_stats.states_recorded += recorded;
		vf_stats.states_kept += kept;
		if (!sip_vembed_complete(e)) {
			sip_vembed_free(e);
			e = live.e = NULL;
		}
	}
	run_accepted(c, e);	/* frees what is live */
	check_jit(c, &st);
}
