// SPDX-License-Identifier: GPL-2.0
/*
 * Exhaustive soundness of the tnum operations on small bit widths (the
 * approach of Agni, CAV 2023): add, sub, mul, and, or, xor, intersect,
 * union and in on every pair of tnums of a family, every shift, arithmetic
 * shift and cast on every tnum, tnum_max_le and tnum_min_ge exactly, and
 * tnum_range on every interval that does not wrap (see scalar_exhaustive.h
 * for the families and why their summaries are exact).
 *
 *	tnum_exhaustive			make check's widths (quick[], below)
 *	tnum_exhaustive BITS BITS [all]	see exhaustive_main()
 */
#include "scalar_exhaustive.h"

enum tnum_op {
	T_ADD, T_SUB, T_MUL, T_AND, T_OR, T_XOR, T_INTERSECT,
	T_LSH, T_RSH, T_ARSH64, T_ARSH32, T_CAST,
};

static void point_tnum(const struct job *j, u64 x, u64 y, struct sum *acc)
{
	u32 k = (u32)j->off;

	switch (j->op) {
	case T_ADD:
		sum_add(acc, x + y);
		break;
	case T_SUB:
		sum_add(acc, x - y);
		break;
	case T_MUL:
		sum_add(acc, x * y);
		break;
	case T_AND:
		sum_add(acc, x & y);
		break;
	case T_OR:
		sum_add(acc, x | y);
		break;
	case T_XOR:
		sum_add(acc, x ^ y);
		break;
	case T_INTERSECT:
		if (x == y)
			sum_add(acc, x);
		break;
	case T_LSH:
		sum_add(acc, x << k);
		break;
	case T_RSH:
		sum_add(acc, x >> k);
		break;
	case T_ARSH64:
		sum_add(acc, (u64)((s64)x >> k));
		break;
	case T_ARSH32:
		sum_add(acc, (u32)((s32)x >> k));
		break;
	default:
		sum_add(acc, k >= 8 ? x : x & ((1ull << (k * 8)) - 1));
		break;
	}
}

static void check_tnum(const struct job *j, const struct elem *a, const struct elem *b,
		       const struct sum *acc)
{
	struct tnum t = a->t, u = b ? b->t : TNUM(0, 0), r;
	u8 k = (u8)j->off;
	bool ok = true;

	switch (j->op) {
	case T_ADD:
		r = tnum_add(t, u);
		break;
	case T_SUB:
		r = tnum_sub(t, u);
		break;
	case T_MUL:
		r = tnum_mul(t, u);
		break;
	case T_AND:
		r = tnum_and(t, u);
		break;
	case T_OR:
		r = tnum_or(t, u);
		break;
	case T_XOR:
		r = tnum_xor(t, u);
		break;
	case T_INTERSECT:
		ok = tnum_intersect(t, u, &r) || sum_empty(acc);
		break;
	case T_LSH:
		r = tnum_lshift(t, k);
		break;
	case T_RSH:
		r = tnum_rshift(t, k);
		break;
	case T_ARSH64:
		r = tnum_arshift(t, k, 64);
		break;
	case T_ARSH32:
		r = tnum_arshift(t, k, 32);
		break;
	default:
		r = tnum_cast(t, k);
		break;
	}
	if (ok && (sum_empty(acc) || tnum_holds(r, acc)))
		return;
	report("# %s: a %#llx/%#llx, b %#llx/%#llx -> %s%#llx/%#llx; the concrete results have and %#llx or %#llx\n",
	       j->name, t.value, t.mask, u.value, u.mask, ok ? "" : "(no common value) ", r.value,
	       r.mask, acc->and_, acc->or_);
}


/* tnum_union and tnum_in of every tnum of @fa with @b. */
static void union_in(const struct fam *fa, const struct elem *b)
{
	char b1[160], b2[160];
	u32 A;

	for (A = 0; A < ntnum; A++) {
		const struct elem *a = &fa->el[A];
		struct tnum u = tnum_union(a->t, b->t);

		if (!tnum_holds(u, &a->members) || !tnum_holds(u, &b->members))
			report("# tnum_union: %#llx/%#llx, %#llx/%#llx -> %#llx/%#llx\n", a->t.value,
			       a->t.mask, b->t.value, b->t.mask, u.value, u.mask);
		if (tnum_in(a->t, b->t) && !tnum_holds(a->t, &b->members))
			report("# tnum_in: %s holds %s?\n", show(&a->r, b1), show(&b->r, b2));
	}
	checks += ntnum;
}

static void test_tnum_binary(void)
{
	static const struct {
		u8 op;
		const char *name;
	} ops[] = {
		{ T_ADD, "tnum_add" }, { T_SUB, "tnum_sub" }, { T_MUL, "tnum_mul" },
		{ T_AND, "tnum_and" }, { T_OR, "tnum_or" }, { T_XOR, "tnum_xor" },
		{ T_INTERSECT, "tnum_intersect" },
	};
	u64 f0 = failures, c0 = checks;
	double t0 = now();
	u32 i, x, y, B;

	for (i = 0; i < ARRAY_SIZE(ops); i++) {
		struct job j = { .nsum = 1, .point = point_tnum, .check = check_tnum,
				 .op = ops[i].op };

		snprintf(j.name, sizeof(j.name), "%s", ops[i].name);
		binary_all(&j);
	}
	/* union and in: on the members of each side */
	for (x = 0; x < nr_fams; x++)
		for (y = 0; y < nr_fams; y++)
			if (pair_wanted(x, y))
				for (B = 0; B < ntnum; B++)
					if (sampled(B))
						union_in(&fams[x], &fams[y].el[B]);
	result("tnum_add, sub, mul, and, or, xor, intersect, union, in", f0, c0, t0);
}

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/* The unary tnum operations, tnum_range, and tnum_max_le / tnum_min_ge exactly. */
static void test_tnum_unary(void)
{
	static u64 xs[1u << MAX_BITS], us[NR_FAMS * (1u << MAX_BITS) + 4];
	u64 f0 = failures, c0 = checks;
	double t0 = now();
	u32 k, x, i, n, nu = 0;

	for (k = 0; k < 64; k++) {
		struct job j = {
			.nsum = 1, .point = point_tnum, .check = check_tnum, .off = (s16)k,
		};

		snprintf(j.name, sizeof(j.name), "tnum shifts by %u", k);
		j.op = T_LSH;
		unary_all(&j);
		j.op = T_RSH;
		unary_all(&j);
		j.op = T_ARSH64;
		unary_all(&j);
		if (k < 32) {
			j.op = T_ARSH32;
			unary_all(&j);
		}
		if (k == 1 || k == 2 || k == 4 || k == 8) {
			j.op = T_CAST;
			unary_all(&j);
		}
	}
	for (x = 0; x < nr_fams; x++)
		for (i = 0; i < npat; i++)
			us[nu++] = fams[x].e[i];
	us[nu++] = 0;
	us[nu++] = ~0ull;
	us[nu++] = 1ull << 63;
	us[nu++] = (1ull << 63) - 1;
	for (x = 0; x < nr_fams; x++) {
		const struct fam *f = &fams[x];

		if (f->f.kind != FAM_TNUM)
			continue;
		for (i = 0; i < ntnum; i++) {
			struct tnum t = f->el[i].t;

			n = members(f, &f->el[i], xs);
			qsort(xs, n, sizeof(xs[0]), cmp_u64);
			for (k = 0; k < nu; k++) {
				u64 u = us[k], got = 0, want;
				u32 lo = 0, hi = n;	/* the first member above u: xs[lo] */
				bool ok;

				while (lo < hi) {
					u32 mid = (lo + hi) / 2;

					if (xs[mid] <= u)
						lo = mid + 1;
					else
						hi = mid;
				}
				ok = tnum_max_le(t, u, &got);
				want = lo ? xs[lo - 1] : 0;
				if (ok != (lo > 0) || (ok && got != want))
					report("# tnum_max_le(%#llx/%#llx, %#llx) -> %d %#llx, want %d %#llx\n",
					       t.value, t.mask, u, ok, got, lo > 0, want);
				for (lo = 0, hi = n; lo < hi;) {	/* the first member >= u */
					u32 mid = (lo + hi) / 2;

					if (xs[mid] < u)
						lo = mid + 1;
					else
						hi = mid;
				}
				ok = tnum_min_ge(t, u, &got);
				want = lo < n ? xs[lo] : 0;
				if (ok != (lo < n) || (ok && got != want))
					report("# tnum_min_ge(%#llx/%#llx, %#llx) -> %d %#llx, want %d %#llx\n",
					       t.value, t.mask, u, ok, got, lo < n, want);
			}
			checks += nu;
		}
	}
	result("tnum shifts, cast, max_le, min_ge", f0, c0, t0);
}

/* tnum_range of every interval that does not wrap. */
static void test_tnum_range(void)
{
	u64 f0 = failures, c0 = checks;
	double t0 = now();
	u32 x, i;

	for (x = 0; x < nr_fams; x++) {
		const struct fam *f = &fams[x];

		if (f->f.kind != FAM_RANGE)
			continue;
		for (i = 0; i < npat * npat; i++) {
			u64 lo = f->e[i / npat], hi = f->e[i % npat];
			struct tnum t;

			if (i / npat > i % npat || lo > hi)
				continue;
			t = tnum_range(lo, hi);
			checks++;
			if (!tnum_holds(t, &f->el[i].members))
				report("# tnum_range(%#llx, %#llx) -> %#llx/%#llx\n", lo, hi, t.value,
				       t.mask);
		}
	}
	result("tnum_range", f0, c0, t0);
}


static void (*const tnum_tests[])(void) = { test_tnum_binary, test_tnum_unary, test_tnum_range };

/* make check: every pair of every pair of families at 6 bits; a sample at 8. */
static const struct suite quick[] = {
	{ 6, FAM_TNUM, true, 1 },
	{ 8, FAM_TNUM, false, 97 },
};

int main(int argc, char **argv)
{
	return exhaustive_main(argc, argv, tnum_tests, ARRAY_SIZE(tnum_tests),
			       ARRAY_SIZE(tnum_tests), quick, ARRAY_SIZE(quick));
}
