// SPDX-License-Identifier: GPL-2.0
/*
 * Exhaustive soundness of the verifier's scalars on small bit widths (the
 * approach of Agni, CAV 2023): vreg_alu for every ALU operation in its 64-
 * and 32-bit forms, vreg_sync, vreg_zext32, vreg_branch_known and
 * vreg_refine for every jump in both widths, and pruning's pair
 * vreg_scalar_covers / vreg_scalar_widen, each checked against every
 * concrete member of every abstract operand of a family (see
 * scalar_exhaustive.h): tnums whose unknown bits are n chosen bits of the
 * 64, and intervals of 2^n values placed at the 64-bit code's edges (0, the
 * 32-bit sign and wrap, the 64-bit sign and wrap). The code under test is
 * the verifier's own, linked from the library: its 64-bit operations meet
 * their carries, borrows and wrap-arounds where the families put them.
 *
 *	scalar_exhaustive			make check's widths (quick[], below)
 *	scalar_exhaustive TBITS RBITS [all]	see exhaustive_main()
 */
#include "scalar_exhaustive.h"

static void fail_pair(const struct job *j, const struct elem *a, const struct elem *b,
		      const struct vreg *got, const struct sum *want)
{
	char b1[160], b2[160], b3[160];

	report("# %s: a %s, b %s -> %s; the concrete results span u[%#llx, %#llx] s[%lld, %lld] and %#llx or %#llx\n",
	       j->name, show(&a->r, b1), b ? show(&b->r, b2) : "-", got ? show(got, b3) : "-",
	       want->umin, want->umax, (long long)want->smin, (long long)want->smax, want->and_,
	       want->or_);
}

/* ---- concrete semantics (as the interpreter runs them) ---- */

static u64 sdiv(u64 a, u64 b, bool w32)
{
	if (w32) {
		s32 x = (s32)a, y = (s32)b;

		return !y ? 0 : y == -1 ? (u32)-(u32)x : (u32)(x / y);
	}
	return !b ? 0 : (s64)b == -1 ? -a : (u64)((s64)a / (s64)b);
}

static u64 smod(u64 a, u64 b, bool w32)
{
	if (w32) {
		s32 x = (s32)a, y = (s32)b;

		return !y ? (u32)x : y == -1 ? 0 : (u32)(x % y);
	}
	return !b ? a : (s64)b == -1 ? 0 : (u64)((s64)a % (s64)b);
}

static u64 bswap(u64 x, u32 bits)
{
	return bits == 16 ? __builtin_bswap16((u16)x) : bits == 32 ? __builtin_bswap32((u32)x) :
	       __builtin_bswap64(x);
}

enum end_variant { END_LE, END_BE, END_SWAP };

static u64 alu_concrete(const struct job *j, u64 x, u64 y)
{
	u32 w = j->w32 ? 32 : 64;
	u64 r;

	if (j->w32) {
		x = (u32)x;
		y = (u32)y;
	}
	switch (j->op) {
	case SIP_ADD:
		r = x + y;
		break;
	case SIP_SUB:
		r = x - y;
		break;
	case SIP_MUL:
		r = x * y;
		break;
	case SIP_DIV:
		r = j->off ? sdiv(x, y, j->w32) : y ? x / y : 0;
		break;
	case SIP_MOD:
		r = j->off ? smod(x, y, j->w32) : y ? x % y : x;
		break;
	case SIP_OR:
		r = x | y;
		break;
	case SIP_AND:
		r = x & y;
		break;
	case SIP_XOR:
		r = x ^ y;
		break;
	case SIP_LSH:
		r = x << (y & (w - 1));
		break;
	case SIP_RSH:
		r = x >> (y & (w - 1));
		break;
	case SIP_ARSH:
		r = j->w32 ? (u32)((s32)x >> (y & 31)) : (u64)((s64)x >> (y & 63));
		break;
	case SIP_NEG:
		r = -x;
		break;
	case SIP_MOV:	/* unary on the source: x */
		r = j->off == 8 ? (u64)(s64)(s8)x : j->off == 16 ? (u64)(s64)(s16)x :
		    j->off == 32 ? (u64)(s64)(s32)x : x;
		break;
	default:	/* SIP_END: x, the width in off */
		r = j->variant == END_SWAP ? bswap(x, j->off) :
		    j->variant == END_BE ? bswap(x, j->off) : x;	/* the host: little-endian */
		if (j->off < 64)
			r &= (1ull << j->off) - 1;
		return r;
	}
	return j->w32 ? (u32)r : r;
}

static void point_alu(const struct job *j, u64 x, u64 y, struct sum *acc)
{
	sum_add(acc, alu_concrete(j, x, y));
}

/* A register with values x (or its pair, y) goes through vreg_alu as check_alu calls it. */
static void witness_alu(const struct job *j, const struct elem *a, const struct elem *b,
			const struct fam *fa, const struct fam *fb, const struct vreg *got);

static void check_alu(const struct job *j, const struct elem *a, const struct elem *b,
		      const struct sum *acc)
{
	struct vreg d = a->r, s;

	if (!b) {	/* unary: NEG and END on dst; MOV from src */
		vreg_unknown(&s);
		if (j->op == SIP_MOV) {
			s = a->r;
			vreg_unknown(&d);
		}
	} else {
		s = b->r;
	}
	vreg_alu(&d, &s, j->op, j->w32, j->off);
	if (!vreg_holds(&d, acc)) {
		fail_pair(j, a, b, &d, acc);
		witness_alu(j, a, b, cur_fa, cur_fb, &d);
	}
}

static void witness_alu(const struct job *j, const struct elem *a, const struct elem *b,
			const struct fam *fa, const struct fam *fb, const struct vreg *got)
{
	static u64 xs[1u << MAX_BITS], ys[1u << MAX_BITS];
	u32 nx = members(fa, a, xs), ny = b ? members(fb, b, ys) : 1, i, k;

	if (!b)
		ys[0] = 0;
	for (i = 0; i < nx; i++) {
		for (k = 0; k < ny; k++) {
			u64 r = alu_concrete(j, xs[i], ys[k]);

			if (!vreg_member(got, r)) {
				if (failures <= MAX_REPORTS)
					printf("#   e.g. %#llx, %#llx -> %#llx\n", xs[i], ys[k], r);
				return;
			}
		}
	}
}

/* ---- jumps ---- */

static bool cond(u8 op, bool w32, u64 x, u64 y)
{
	if (w32) {
		x = (u32)x;
		y = (u32)y;
	}
	switch (op) {
	case SIP_JEQ:
		return x == y;
	case SIP_JNE:
		return x != y;
	case SIP_JGT:
		return x > y;
	case SIP_JGE:
		return x >= y;
	case SIP_JLT:
		return x < y;
	case SIP_JLE:
		return x <= y;
	case SIP_JSET:
		return x & y;
	}
	if (w32) {
		s32 a = (s32)x, b = (s32)y;

		return op == SIP_JSGT ? a > b : op == SIP_JSGE ? a >= b : op == SIP_JSLT ? a < b :
		       a <= b;
	}
	return op == SIP_JSGT ? (s64)x > (s64)y : op == SIP_JSGE ? (s64)x >= (s64)y :
	       op == SIP_JSLT ? (s64)x < (s64)y : (s64)x <= (s64)y;
}

/* acc[0], acc[1]: the pairs for which the jump is taken; acc[2], acc[3]: not taken. */
static void point_jmp(const struct job *j, u64 x, u64 y, struct sum *acc)
{
	struct sum *s = cond(j->op, j->w32, x, y) ? acc : acc + 2;

	sum_add(&s[0], x);
	sum_add(&s[1], y);
}

/* The same register on both sides ("jgt r1, r1"): refined through one pointer. */
static void point_jmp_self(const struct job *j, u64 x, u64 y, struct sum *acc)
{
	(void)y;
	point_jmp(j, x, x, acc);
}

static void check_jmp(const struct job *j, const struct elem *a, const struct elem *b,
		      const struct sum *acc)
{
	const struct vreg *bv = b ? &b->r : &a->r;
	int known = vreg_branch_known(&a->r, bv, j->op, j->w32), taken;
	char b1[160], b2[160];

	if ((known == 1 && !sum_empty(&acc[2])) || (known == 0 && !sum_empty(&acc[0]))) {
		report("# %s: a %s, b %s: vreg_branch_known says %s, but %#llx, %#llx go the other way\n",
		       j->name, show(&a->r, b1), show(bv, b2), known ? "taken" : "not taken",
		       acc[known ? 2 : 0].umin, acc[known ? 3 : 1].umin);
		return;
	}
	for (taken = 0; taken < 2; taken++) {
		const struct sum *s = &acc[taken ? 0 : 2];
		struct vreg x = a->r, y = *bv, *py = b ? &y : &x;
		bool ok = vreg_refine(&x, py, j->op, j->w32, taken);

		if (sum_empty(&s[0]))
			continue;
		if (!ok) {
			report("# %s: a %s, b %s: vreg_refine says the %s branch cannot happen, but %#llx, %#llx take it\n",
			       j->name, show(&a->r, b1), show(bv, b2), taken ? "taken" : "fall-through",
			       s[0].umin, s[1].umin);
			return;
		}
		if (!vreg_holds(&x, &s[0]) || !vreg_holds(py, &s[1])) {
			report("# %s (%s): a %s, b %s: refined to\n", j->name,
			       taken ? "taken" : "not taken", show(&a->r, b1), show(bv, b2));
			fail_pair(j, a, NULL, &x, &s[0]);
			fail_pair(j, b ? b : a, NULL, py, &s[1]);
			return;
		}
	}
}

/*
 * The engine itself: its summaries must be those of every concrete pair,
 * computed one by one (run on two jobs of each suite).
 */
static const struct job *engine_job;

static void check_engine(const struct job *j, const struct elem *a, const struct elem *b,
			 const struct sum *acc)
{
	static u64 xs[1u << MAX_BITS], ys[1u << MAX_BITS];
	static u32 seen;
	struct sum want[4];
	u32 nx, ny, i, k;

	if (nb >= 7 && (++seen & 255))	/* one pair in 256: up to 65536 concrete pairs each */
		return;
	nx = members(cur_fa, a, xs);
	ny = members(cur_fb, b, ys);
	for (k = 0; k < j->nsum; k++)
		want[k] = SUM_EMPTY;
	for (i = 0; i < nx; i++)
		for (k = 0; k < ny; k++)
			engine_job->point(engine_job, xs[i], ys[k], want);
	if (memcmp(want, acc, sizeof(want[0]) * j->nsum))
		report("# the engine's summary for %s differs from its %u x %u pairs\n", j->name,
		       nx, ny);
}

/* ---- the tests ---- */

static const struct {
	u8 op;
	s16 off;
	const char *name;
} alu_binary[] = {
	{ SIP_ADD, 0, "add" }, { SIP_SUB, 0, "sub" }, { SIP_MUL, 0, "mul" },
	{ SIP_DIV, 0, "div" }, { SIP_DIV, 1, "sdiv" }, { SIP_MOD, 0, "mod" },
	{ SIP_MOD, 1, "smod" }, { SIP_OR, 0, "or" }, { SIP_AND, 0, "and" },
	{ SIP_XOR, 0, "xor" }, { SIP_LSH, 0, "lsh" }, { SIP_RSH, 0, "rsh" },
	{ SIP_ARSH, 0, "arsh" },
};

static void test_alu_binary(bool w32)
{
	u32 i;

	for (i = 0; i < ARRAY_SIZE(alu_binary); i++) {
		struct job j = { .nsum = 1, .point = point_alu, .check = check_alu,
				 .op = alu_binary[i].op, .off = alu_binary[i].off, .w32 = w32 };
		u64 f0 = failures, c0 = checks;
		double t0 = now();

		snprintf(j.name, sizeof(j.name), "vreg_alu %s%s", alu_binary[i].name,
			 w32 ? "32" : "64");
		binary_all(&j);
		result(j.name, f0, c0, t0);
	}
}

static void test_alu64(void)
{
	test_alu_binary(false);
}

static void test_alu32(void)
{
	test_alu_binary(true);
}

static void test_alu_unary(void)
{
	static const struct {
		u8 op;
		bool w32;
		s16 off;
		u8 variant;
		const char *name;
	} ops[] = {
		{ SIP_NEG, false, 0, 0, "neg64" }, { SIP_NEG, true, 0, 0, "neg32" },
		{ SIP_MOV, false, 0, 0, "mov64" }, { SIP_MOV, true, 0, 0, "mov32" },
		{ SIP_MOV, false, 8, 0, "movsx8 64" }, { SIP_MOV, false, 16, 0, "movsx16 64" },
		{ SIP_MOV, false, 32, 0, "movsx32 64" }, { SIP_MOV, true, 8, 0, "movsx8 32" },
		{ SIP_MOV, true, 16, 0, "movsx16 32" },
		{ SIP_END, false, 16, END_LE, "le16" }, { SIP_END, false, 32, END_LE, "le32" },
		{ SIP_END, false, 64, END_LE, "le64" }, { SIP_END, false, 16, END_BE, "be16" },
		{ SIP_END, false, 32, END_BE, "be32" }, { SIP_END, false, 64, END_BE, "be64" },
		{ SIP_END, false, 16, END_SWAP, "bswap16" },
		{ SIP_END, false, 32, END_SWAP, "bswap32" },
		{ SIP_END, false, 64, END_SWAP, "bswap64" },
	};
	u64 f0 = failures, c0 = checks;
	double t0 = now();
	u32 i;

	for (i = 0; i < ARRAY_SIZE(ops); i++) {
		struct job j = { .nsum = 1, .point = point_alu, .check = check_alu, .op = ops[i].op,
				 .w32 = ops[i].w32, .off = ops[i].off, .variant = ops[i].variant };

		snprintf(j.name, sizeof(j.name), "vreg_alu %s", ops[i].name);
		unary_all(&j);
	}
	result("vreg_alu neg, mov, movsx, le, be, bswap", f0, c0, t0);
}

static const struct {
	u8 op;
	const char *name;
} jumps[] = {
	{ SIP_JEQ, "jeq" }, { SIP_JNE, "jne" }, { SIP_JGT, "jgt" }, { SIP_JGE, "jge" },
	{ SIP_JLT, "jlt" }, { SIP_JLE, "jle" }, { SIP_JSGT, "jsgt" }, { SIP_JSGE, "jsge" },
	{ SIP_JSLT, "jslt" }, { SIP_JSLE, "jsle" }, { SIP_JSET, "jset" },
};

static void test_jumps(bool w32)
{
	u32 i;

	for (i = 0; i < ARRAY_SIZE(jumps); i++) {
		struct job j = { .nsum = 4, .point = point_jmp, .check = check_jmp,
				 .op = jumps[i].op, .w32 = w32 };
		u64 f0 = failures, c0 = checks;
		double t0 = now();

		snprintf(j.name, sizeof(j.name), "%s%s", jumps[i].name, w32 ? "32" : "");
		binary_all(&j);
		j.point = point_jmp_self;
		unary_all(&j);
		snprintf(j.name, sizeof(j.name), "vreg_branch_known, vreg_refine %s%s",
			 jumps[i].name, w32 ? "32" : "");
		result(j.name, f0, c0, t0);
	}
}

static void test_jmp64(void)
{
	test_jumps(false);
}

static void test_jmp32(void)
{
	test_jumps(true);
}

/* The intervals [lo, hi] of @fr's window, for every hi, with the tnum @t. */
static void sync_from(const struct fam *fr, struct tnum t, u32 lo)
{
	struct sum s = SUM_EMPTY;
	char b1[160];
	u32 hi;

	for (hi = lo; hi < npat; hi++) {
		struct vreg r;
		bool ok;

		if (tnum_member(t, fr->e[hi]))
			sum_add(&s, fr->e[hi]);
		vreg_unknown(&r);
		r.var = t;
		if (fr->f.is_signed) {
			r.smin = (s64)fr->e[lo];
			r.smax = (s64)fr->e[hi];
		} else {
			r.umin = fr->e[lo];
			r.umax = fr->e[hi];
		}
		ok = vreg_sync(&r);
		if (!sum_empty(&s) && (!ok || !vreg_holds(&r, &s)))
			report("# vreg_sync: %#llx/%#llx with [%#llx, %#llx] -> %s%s\n", t.value,
			       t.mask, fr->e[lo], fr->e[hi], ok ? "" : "(infeasible) ", show(&r, b1));
	}
	checks += npat - lo;
}

/* vreg_sync keeps every value a tnum and an interval have in common. */
static void test_sync(void)
{
	u64 f0 = failures, c0 = checks;
	double t0 = now();
	u32 x, y, T, lo;

	for (x = 0; x < nr_fams; x++) {
		for (y = 0; y < nr_fams; y++) {
			if (fams[x].f.kind != FAM_TNUM || fams[y].f.kind != FAM_RANGE)
				continue;
			for (T = 0; T < ntnum; T++)
				for (lo = 0; lo < npat; lo++)
					if (sampled(T * npat + lo))
						sync_from(&fams[y], fams[x].el[T].t, lo);
		}
	}
	result("vreg_sync of a tnum with an interval", f0, c0, t0);
}

/* What a copy of the low 32 bits may be: vreg_zext32. */
static void point_zext(const struct job *j, u64 x, u64 y, struct sum *acc)
{
	(void)j, (void)y;
	sum_add(acc, (u32)x);
}

static void check_zext(const struct job *j, const struct elem *a, const struct elem *b,
		       const struct sum *acc)
{
	struct vreg r = a->r;

	vreg_zext32(&r);
	if (!vreg_holds(&r, acc))
		fail_pair(j, a, b, &r, acc);
}

static void test_zext32(void)
{
	struct job j = { .name = "vreg_zext32", .nsum = 1, .point = point_zext,
			 .check = check_zext };
	u64 f0 = failures, c0 = checks;
	double t0 = now();

	unary_all(&j);
	result(j.name, f0, c0, t0);
}

/*
 * Pruning's scalar half: a state covers another only if it holds all its
 * values, and widening holds both states' values.
 */
static void test_covers_widen(void)
{
	u64 f0 = failures, c0 = checks;
	double t0 = now();
	char b1[160], b2[160], b3[160];
	u32 x, y, i, k;

	for (x = 0; x < nr_fams; x++) {
		for (y = 0; y < nr_fams; y++) {
			const struct fam *fo = &fams[x], *fc = &fams[y];
			u32 n = fam_count(fo);
			s64 tv[4] = { (s64)fo->e[npat / 2], (s64)fc->e[npat / 3],
				      (s64)fo->e[npat - 1], (s64)fc->e[1] };
			struct vthresholds th = { tv, 4 };

			if (!pair_wanted(x, y))
				continue;
			for (k = 0; k < n; k++) {
				const struct elem *cur_ = &fc->el[k];

				if (sum_empty(&cur_->members) || !sampled(k))
					continue;
				for (i = 0; i < n; i++) {
					const struct elem *old = &fo->el[i];
					struct vreg w = old->r;

					if (sum_empty(&old->members))
						continue;
					checks++;
					if (vreg_scalar_covers(&old->r, &cur_->r) &&
					    !vreg_holds(&old->r, &cur_->members))
						report("# vreg_scalar_covers: %s covers %s, but not all its values\n",
						       show(&old->r, b1), show(&cur_->r, b2));
					vreg_scalar_widen(&w, &cur_->r, &th);
					if (!vreg_holds(&w, &old->members) ||
					    !vreg_holds(&w, &cur_->members))
						report("# vreg_scalar_widen: %s with %s -> %s\n",
						       show(&old->r, b1), show(&cur_->r, b2),
						       show(&w, b3));
				}
			}
		}
	}
	result("vreg_scalar_covers, vreg_scalar_widen", f0, c0, t0);
}

static void test_engine(void)
{
	struct job add = { .name = "add64", .nsum = 1, .point = point_alu, .op = SIP_ADD };
	struct job jslt = { .name = "jslt32", .nsum = 4, .point = point_jmp, .op = SIP_JSLT,
			    .w32 = true };
	u64 f0 = failures, c0 = checks;
	double t0 = now();

	engine_job = &add;
	add.check = check_engine;
	binary_all(&add);
	engine_job = &jslt;
	jslt.check = check_engine;
	binary_all(&jslt);
	result("the summaries equal those of every concrete pair (add64, jslt32)", f0, c0, t0);
}

static void (*const vreg_tests[])(void) = {
	test_engine, test_sync, test_zext32, test_covers_widen, test_alu_unary, test_alu64,
	test_alu32, test_jmp64, test_jmp32,
};

/* alu64, alu32, jmp64 and jmp32 report each operation on its own. */
#define RESULTS (ARRAY_SIZE(vreg_tests) - 4 + 2 * ARRAY_SIZE(alu_binary) + 2 * ARRAY_SIZE(jumps))

/*
 * make check: every pair of tnums at 6 bits (729 a family) and of intervals
 * at 5 (528 a window), each family with itself; then a fixed sample of the
 * second operands at 8 bits. make check-exhaustive: 8 and 7 bits.
 */
static const struct suite quick[] = {
	{ 6, FAM_TNUM, false, 1 },
	{ 5, FAM_RANGE, false, 1 },
	{ 8, FAM_TNUM, false, 521 },
	{ 8, FAM_RANGE, false, 26003 },
};

int main(int argc, char **argv)
{
	return exhaustive_main(argc, argv, vreg_tests, ARRAY_SIZE(vreg_tests), RESULTS, quick,
			       ARRAY_SIZE(quick));
}
