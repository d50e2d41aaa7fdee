// SPDX-License-Identifier: GPL-2.0
/*
 * A QEMU TCG plugin that counts the guest's executed instructions, the
 * guest-side counterpart of callgrind: TCG timings are noisy, instruction
 * counts are not. Loaded by tests/vm/run.sh --count FILE:
 *
 *   qemu-system-x86_64 ... -plugin build/bench/tcg_count.so,out=FILE
 *
 * Every kernel translation block (address >= 2^63) has its own counter;
 * user space has one. A guest program marks a point by executing the
 * marker instruction `nopl 0x5157c0de(%rax)` (0f 1f 80 de c0 57 51;
 * `sipbench mark` does): the plugin then appends to FILE a line
 * "mark N USER_INSNS" and one line "ADDR INSNS RUNS LOOKUPS" per kernel
 * block that ran since the last mark (ADDR in hex: the block's first
 * instruction; INSNS how many instructions ran in it; RUNS how many times
 * it ran; LOOKUPS how many of those runs TCG entered by a lookup, not a
 * chained jump: see on_run), and starts counting afresh. Symbols are
 * the guest's business (/proc/kallsyms; bench/tcg_count.sh).
 *
 * QEMU's plugin header is not packaged by Debian: the few declarations this
 * needs are below, from the stable plugin ABI (version 1, QEMU 4.2 to 8.x).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>

typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
struct qemu_plugin_insn;
typedef struct qemu_info_t qemu_info_t;	/* not read */
enum qemu_plugin_cb_flags { QEMU_PLUGIN_CB_NO_REGS };
enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 };
typedef void (*tb_trans_cb)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb);
typedef void (*vcpu_udata_cb)(unsigned int vcpu, void *udata);
typedef void (*udata_cb)(qemu_plugin_id_t id, void *udata);

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, tb_trans_cb cb);
void qemu_plugin_register_vcpu_tb_exec_inline(struct qemu_plugin_tb *tb, enum qemu_plugin_op op,
					      void *ptr, uint64_t imm);
void qemu_plugin_register_vcpu_tb_exec_cb(struct qemu_plugin_tb *tb, vcpu_udata_cb cb,
					  enum qemu_plugin_cb_flags flags, void *udata);
void qemu_plugin_register_vcpu_insn_exec_cb(struct qemu_plugin_insn *insn, vcpu_udata_cb cb,
					    enum qemu_plugin_cb_flags flags, void *udata);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, udata_cb cb, void *udata);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
uint64_t qemu_plugin_tb_vaddr(const struct qemu_plugin_tb *tb);
struct qemu_plugin_insn *qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *tb, size_t idx);
const void *qemu_plugin_insn_data(const struct qemu_plugin_insn *insn);
size_t qemu_plugin_insn_size(const struct qemu_plugin_insn *insn);

__attribute__((visibility("default"))) int qemu_plugin_version = 1;

static const unsigned char marker[] = { 0x0f, 0x1f, 0x80, 0xde, 0xc0, 0x57, 0x51 };

struct block {
	uint64_t vaddr;
	uint64_t insns;		/* in the block */
	uint64_t runs;		/* since the last mark (inline add: a racy count, near enough) */
	uint64_t lookups;	/* runs entered by a lookup, not by a chained jump */
	bool indirect;		/* ends in a return or an indirect jump or call */
};

/*
 * TCG chains a direct jump (or call) to a block on the same page as the
 * jumping block's start; anything else (a return, an indirect jump or call,
 * a jump to another page, an interrupt) makes the CPU look the next block
 * up: a helper call and a hash probe, the costliest part of a transition.
 * The plugin sees every block run and the one before it on that vCPU, and
 * counts a lookup when the previous one ended indirectly or on another
 * page. (An approximation: a chain not yet patched also looks up.)
 */
#define MAX_VCPUS 64
static struct block user_block = { .indirect = true };	/* user space: one pseudo-block */
static struct block *prev_block[MAX_VCPUS];

#define MAX_BLOCKS (1u << 20)	/* open addressing, keyed by (vaddr, insns) */
static struct block *blocks;
static uint64_t user_insns;
static unsigned int nr_blocks, marks;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static FILE *out;

static struct block *block_of(uint64_t vaddr, uint64_t insns)
{
	uint64_t h = (vaddr ^ insns << 52) * 0x9e3779b97f4a7c15ull;
	unsigned int i = (unsigned int)(h >> 44) & (MAX_BLOCKS - 1);

	for (;; i = (i + 1) & (MAX_BLOCKS - 1)) {
		struct block *b = &blocks[i];

		if (b->vaddr == vaddr && b->insns == insns)
			return b;
		if (!b->vaddr) {
			if (nr_blocks >= MAX_BLOCKS / 2)
				return NULL;	/* full enough: stop counting new blocks */
			nr_blocks++;
			b->vaddr = vaddr;
			b->insns = insns;
			return b;
		}
	}
}

static void dump(void)
{
	unsigned int i;

	pthread_mutex_lock(&lock);
	fprintf(out, "mark %u %llu\n", marks++, (unsigned long long)user_insns);
	user_insns = 0;
	for (i = 0; i < MAX_BLOCKS; i++) {
		struct block *b = &blocks[i];

		if (b->vaddr && b->runs) {
			fprintf(out, "%016llx %llu %llu %llu\n", (unsigned long long)b->vaddr,
				(unsigned long long)(b->runs * b->insns), (unsigned long long)b->runs,
				(unsigned long long)b->lookups);
			b->runs = 0;
			b->lookups = 0;
		}
	}
	fflush(out);
	pthread_mutex_unlock(&lock);
}

static void on_marker(unsigned int vcpu, void *udata)
{
	(void)vcpu, (void)udata;
	dump();
}

static void on_run(unsigned int vcpu, void *udata)
{
	struct block *b = udata, *p;

	if (vcpu >= MAX_VCPUS)
		return;
	p = prev_block[vcpu];
	if (b != &user_block && (!p || p->indirect || (p->vaddr ^ b->vaddr) >> 12))
		b->lookups++;
	prev_block[vcpu] = b;
}

/* Does the instruction at @code (@size bytes) leave by a return or an indirect jump? */
static bool leaves_indirectly(const unsigned char *code, size_t size)
{
	size_t i = 0;

	while (i < size && (code[i] == 0x66 || code[i] == 0xf2 || code[i] == 0xf3 ||
			    code[i] == 0x2e || code[i] == 0x3e || (code[i] & 0xf0) == 0x40))
		i++;
	if (i >= size)
		return false;
	switch (code[i]) {
	case 0xc2: case 0xc3: case 0xca: case 0xcb: case 0xcf:	/* ret, lret, iret */
		return true;
	case 0x0f:	/* sysret, sysexit */
		return i + 1 < size && (code[i + 1] == 0x07 || code[i + 1] == 0x35);
	case 0xff:	/* call, lcall, jmp, ljmp through a register or memory */
		return i + 1 < size && ((code[i + 1] >> 3) & 7) >= 2 && ((code[i + 1] >> 3) & 7) <= 5;
	}
	return false;
}

static void on_tb(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	uint64_t vaddr = qemu_plugin_tb_vaddr(tb);
	size_t n = qemu_plugin_tb_n_insns(tb), i;
	struct block *b = NULL;

	(void)id;
	if (!(vaddr >> 63)) {
		qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64,
							 &user_insns, n);
		qemu_plugin_register_vcpu_tb_exec_cb(tb, on_run, QEMU_PLUGIN_CB_NO_REGS,
						     &user_block);
		for (i = 0; i < n; i++) {
			struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);

			if (qemu_plugin_insn_size(insn) == sizeof(marker) &&
			    !memcmp(qemu_plugin_insn_data(insn), marker, sizeof(marker)))
				qemu_plugin_register_vcpu_insn_exec_cb(insn, on_marker,
								       QEMU_PLUGIN_CB_NO_REGS, NULL);
		}
		return;
	}
	pthread_mutex_lock(&lock);
	b = block_of(vaddr, n);
	pthread_mutex_unlock(&lock);
	if (b) {
		struct qemu_plugin_insn *last = qemu_plugin_tb_get_insn(tb, n - 1);

		b->indirect = leaves_indirectly(qemu_plugin_insn_data(last),
						qemu_plugin_insn_size(last));
		qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64, &b->runs, 1);
		qemu_plugin_register_vcpu_tb_exec_cb(tb, on_run, QEMU_PLUGIN_CB_NO_REGS, b);
	}
}

static void at_exit(qemu_plugin_id_t id, void *udata)
{
	(void)id, (void)udata;
	if (nr_blocks >= MAX_BLOCKS / 2)
		fprintf(out, "# table full: later kernel blocks were not counted\n");
	fclose(out);
}

__attribute__((visibility("default")))
int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info, int argc, char **argv)
{
	const char *path = NULL;
	int i;

	(void)info;
	for (i = 0; i < argc; i++)
		if (!strncmp(argv[i], "out=", 4))
			path = argv[i] + 4;
	if (!path) {
		fprintf(stderr, "tcg_count: give out=FILE\n");
		return -1;
	}
	out = fopen(path, "w");
	blocks = calloc(MAX_BLOCKS, sizeof(*blocks));
	if (!out || !blocks) {
		perror(path);
		return -1;
	}
	qemu_plugin_register_vcpu_tb_trans_cb(id, on_tb);
	qemu_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
