// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the verifier's soundness. The input is read as a
 * sequence of choices that build either a mostly valid raw program
 * (registers set before use, loads and stores near the edges of the stack
 * and of private data, forward skips, loops, local calls...; vfuzz_gen.c),
 * or a message handler that uses helpers (blocks allocated, taken from the
 * message and from slots, size checks that join, sends in loops, aborts;
 * vfuzz_msg.c), optionally with some of its instruction bytes mutated, or
 * in one mode as raw instructions. Every program the verifier accepts then
 * runs a few times in the checked interpreter, message handlers against a
 * mock runtime whose helpers fail, abort and take the message's block back
 * as the input says (vfuzz_mock.c), and each state of each run is checked
 * against the states the verifier recorded (vfuzz_run.c): a finding prints
 * the program (as text the assembler reads back) and traps.
 *
 * Build: make fuzz; run: build/fuzz/verifier -max_total_time=60 [CORPUS_DIR]
 * (build/fuzz/verifier-run feeds the same target from a PRNG: vfuzz_main.c).
 * It prints how many programs it built and how many were accepted every
 * 65536 programs and at exit; SIPDRV_FUZZ_STATS=1 adds the verifier's
 * refusals by reason, and SIPDRV_FUZZ_PRINT=1 every program with its
 * verdict (build/fuzz/verifier FILE replays one input).
 */
#include "vfuzz.h"

#define STATS_EVERY	(1u << 16)	/* programs between two progress lines */

static const u32 data_size_table[] = { 64, 64, 64, 64, 8, 13, 24, 256, 4096, 1 };
static const u32 msg_block_sizes[] = { 0, 0, 1, 8, 16, 24, 64, 100, 512, 4096 };

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	vf_collect_ops();
	vf_places_init();
	vf_print_all = getenv("SIPDRV_FUZZ_PRINT");
	atexit(vf_print_stats);
	return 0;
}

/*
 * The header, from the back: mode, sizes, the runs' inputs and the data's
 * contents. Modes 0-5 generate raw programs, 6-7 mutate them, 8 takes the
 * input's bytes as raw instructions; 9-14 generate message handlers, 15
 * mutates them.
 */
enum {
	MODE_RAW_MUTATED = 6,
	MODE_RAW_BYTES = 8,
	MODE_MSG = 9,
	MODE_MSG_MUTATED = 15,
};

static u64 pick_r1(struct input *in)
{
	u8 b = in_back(in);
	u64 v = 0;
	int i;

	if (b < 128)
		return (u64)(s64)vf_imm_table[b % vf_nr_imm];
	if (b < 192)
		return vf_imm64_table[b % vf_nr_imm64];
	for (i = 0; i < 8; i++)
		v = v << 8 | in_back(in);
	return v;
}

/* A message, the slots' blocks and how the helpers behave, for one run. */
static void pick_setup(struct input *in, struct mock_setup *ms, u32 nr_slots, u32 nr_channels)
{
	u8 b = in_back(in);
	u32 i;

	ms->nr_slots = nr_slots;
	ms->nr_channels = nr_channels;
	ms->tag = b & 3;
	ms->block_size = msg_block_sizes[(b >> 2) % ARRAY_SIZE(msg_block_sizes)];
	ms->lent = b & 0x80;
	for (i = 0; i < 3; i++)
		ms->args[i] = pick_r1(in);
	b = in_back(in);
	for (i = 0; i < nr_slots; i++)
		ms->slot_size[i] = (b >> i) & 1 ?
				   msg_block_sizes[(b + i) % ARRAY_SIZE(msg_block_sizes)] : 0;
	b = in_back(in);
	ms->fail_rate = (u8)(b & 0xf0);		/* none in one in 16 */
	ms->take_back_at = (b & 3) ? in_back(in) % 8 : 0;
	ms->abort_at = (b & 0xc) == 0xc ? 1 + in_back(in) % 8 : 0;
	ms->script = in_back(in) * 0x9e3779b97f4a7c15ull;
	ms->script += in_back(in);	/* apart: C leaves the order of two reads open */
}

static void take_raw(struct gen *g)
{
	size_t n = (g->in->tail - g->in->head) / sizeof(struct sip_insn);

	if (n > MAX_INSNS)
		n = MAX_INSNS;
	memcpy(g->insns, g->in->p + g->in->head, n * sizeof(struct sip_insn));
	g->len = (u32)n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct gen g;
	struct input in = { data, 0, size };
	struct vf_case c = { 0 };
	u8 mode, b;
	u32 i;

	vf_stats.inputs++;
	b = in_back(&in);
	mode = b & 15;
	memset(&g, 0, sizeof(g));
	g.in = &in;
	g.data_size = data_size_table[(b >> 4) % ARRAY_SIZE(data_size_table)];
	b = in_back(&in);
	g.nr_funcs = 1 + b % MAX_FUNCS;
	g.nr_slots = 1 + (b >> 2) % MOCK_MAX_SLOTS;
	g.nr_channels = 1 + (b >> 4) % MOCK_MAX_CHANS;
	c.fill_how = in_back(&in);
	c.seed = in_back(&in) * 0x9e3779b97f4a7c15ull + 1;
	c.kind = mode >= MODE_MSG ? SIP_ENTRY_MSG : SIP_VKIND_RAW;
	for (i = 0; i < NR_RUNS; i++) {
		if (c.kind == SIP_VKIND_RAW)
			c.r1[i] = pick_r1(&in);
		else
			pick_setup(&in, &c.ms[i], g.nr_slots, g.nr_channels);
	}
	if (mode == MODE_RAW_BYTES)
		take_raw(&g);
	else if (c.kind == SIP_VKIND_RAW)
		vf_gen_program(&g);
	else
		vf_gen_msg(&g);
	if (mode == MODE_RAW_MUTATED || mode == MODE_RAW_MUTATED + 1 || mode == MODE_MSG_MUTATED)
		vf_mutate(&g, 1 + (b >> 6));
	if (!g.len)
		return 0;
	c.insns = g.insns;
	c.len = g.len;
	c.data_size = g.data_size;
	c.nr_slots = g.nr_slots;
	c.nr_channels = g.nr_channels;
	c.shapes = g.shapes;
	vf_check_case(&c);
	if (!(vf_stats.programs % STATS_EVERY))
		vf_print_stats();
	return 0;
}
