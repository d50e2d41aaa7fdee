/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The engine of the exhaustive tests of the verifier's scalar domain
 * (tnum_exhaustive.c, scalar_exhaustive.c): families of abstract values
 * built from n-bit patterns placed in 64-bit numbers, the summaries that
 * decide from a few numbers whether every concrete result of a set of
 * operand pairs lies in an abstract value, the walk over every abstract
 * pair of two families, and the programs' main.
 *
 * Why summaries are exact: a verifier scalar (struct vreg) holds the values
 * c with umin <= c <= umax, smin <= (s64)c <= smax and c matching its known
 * bits. A set S lies inside it exactly when S's unsigned and signed minimum
 * and maximum do, and when the AND of S has every known 1 and the OR of S
 * no known 0. Those six numbers of a union are computed from the six of its
 * parts, so the results of every concrete pair are summarised by splitting
 * the operands (an unknown bit into its two values, an interval into a
 * shorter one and its top value) instead of joining each pair's afresh:
 * every concrete pair of every abstract pair still counts, the concrete
 * operation runs once per concrete first operand and abstract second one,
 * and the abstract operation once per abstract pair. test_engine() in
 * scalar_exhaustive.c checks the summaries against pairs one by one.
 */
#ifndef _SIPDRV_SCALAR_EXHAUSTIVE_H
#define _SIPDRV_SCALAR_EXHAUSTIVE_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kselftest.h"
#include "vstate.h"

struct sum {
	u64 umin, umax;
	s64 smin, smax;
	u64 and_, or_;
};

static const struct sum SUM_EMPTY = {
	.umin = ~0ull, .umax = 0, .smin = S64_MAX_, .smax = S64_MIN_, .and_ = ~0ull, .or_ = 0,
};

static inline bool sum_empty(const struct sum *s)
{
	return s->umin > s->umax;
}

static inline void sum_add(struct sum *s, u64 v)
{
	if (v < s->umin)
		s->umin = v;
	if (v > s->umax)
		s->umax = v;
	if ((s64)v < s->smin)
		s->smin = (s64)v;
	if ((s64)v > s->smax)
		s->smax = (s64)v;
	s->and_ &= v;
	s->or_ |= v;
}

static inline void sum_join(struct sum *s, const struct sum *t)
{
	if (t->umin < s->umin)
		s->umin = t->umin;
	if (t->umax > s->umax)
		s->umax = t->umax;
	if (t->smin < s->smin)
		s->smin = t->smin;
	if (t->smax > s->smax)
		s->smax = t->smax;
	s->and_ &= t->and_;
	s->or_ |= t->or_;
}

/* Every value summarised by @s has the known bits of @t. */
static inline bool tnum_holds(struct tnum t, const struct sum *s)
{
	if (sum_empty(s))
		return true;
	return !(t.value & ~s->and_) && !(s->or_ & ~t.value & ~t.mask);
}

/* Every value summarised by @s is a value of scalar @r. */
static inline bool vreg_holds(const struct vreg *r, const struct sum *s)
{
	if (sum_empty(s))
		return true;
	return r->type == VT_SCALAR && r->umin <= s->umin && s->umax <= r->umax &&
	       r->smin <= s->smin && s->smax <= r->smax && tnum_holds(r->var, s);
}

static inline bool tnum_member(struct tnum t, u64 v)
{
	return (v & ~t.mask) == t.value;
}

static inline bool vreg_member(const struct vreg *r, u64 v)
{
	return r->umin <= v && v <= r->umax && r->smin <= (s64)v && (s64)v <= r->smax &&
	       tnum_member(r->var, v);
}

/*
 * A family of abstract values over n-bit patterns i (0 <= i < 2^n) and the
 * 64-bit number e(i) each stands for:
 * - FAM_TNUM: e(i) = fill | the bits of i moved to pos[]; its abstract
 *   values are the 3^n tnums whose unknown bits are among pos[] and whose
 *   other bits are fill's (every pattern of known 0, known 1, unknown);
 * - FAM_RANGE: e(i) = base + i (mod 2^64); its abstract values are the
 *   intervals [e(lo), e(hi)], lo <= hi, of that window, as an unsigned
 *   interval or, when the window wraps through 2^64, a signed one.
 * Where the bits or the window sit decides which carries, borrows and
 * sign or 32-bit boundaries the 64-bit code meets.
 */
enum fam_kind { FAM_TNUM, FAM_RANGE };

struct family {
	const char *name;
	u8 kind;
	bool is_signed;		/* FAM_RANGE: the window is contiguous as signed numbers */
	u64 base;		/* FAM_RANGE */
	u64 fill;		/* FAM_TNUM */
	u8 pos[8];		/* FAM_TNUM: where bit k of a pattern goes */
};

#define MAX_BITS	8
#define MAX_REPORTS	8
#define NR_FAMS		9

struct elem {
	struct vreg r;		/* as a verifier scalar (after vreg_sync) */
	struct tnum t;		/* FAM_TNUM: the tnum itself */
	struct sum members;	/* the values it stands for */
};

struct fam {
	struct family f;
	u64 e[1u << MAX_BITS];	/* the number each pattern stands for */
	struct elem *el;	/* FAM_TNUM: by base-3 pattern; FAM_RANGE: lo * npat + hi */
};

static u32 nb;			/* pattern bits */
static u32 npat;		/* 2^nb */
static u32 ntnum;		/* 3^nb */
static u32 stride = 1;		/* check every stride-th second operand */
static u64 *tval, *tmask;	/* base-3 pattern -> known bits, unknown bits */
static u32 *tsplit;		/* base-3 pattern -> 3^k of its lowest unknown digit, or 0 */
static struct fam fams[NR_FAMS];
static u32 nr_fams;
static u64 failures, checks;
static const struct fam *cur_fa, *cur_fb;	/* the families of the pair being run */

/* ---- families ---- */

static u64 deposit(const struct family *f, u64 pat)
{
	u64 v = f->fill;
	u32 k;

	for (k = 0; k < nb; k++)
		if (pat & (1ull << k))
			v |= 1ull << f->pos[k];
	return v;
}

static void tnum_family(const char *name, u64 fill, const u8 *pos)
{
	struct family *f = &fams[nr_fams++].f;

	f->name = name;
	f->kind = FAM_TNUM;
	f->fill = fill;
	memcpy(f->pos, pos, nb);
}

static void range_family(const char *name, u64 base, bool is_signed)
{
	struct family *f = &fams[nr_fams++].f;

	f->name = name;
	f->kind = FAM_RANGE;
	f->base = base;
	f->is_signed = is_signed;
}

static void make_families(void)
{
	u8 low[MAX_BITS], ends[MAX_BITS], mid[MAX_BITS];
	u64 half = 1ull << (nb - 1);
	u32 k;

	for (k = 0; k < nb; k++) {
		low[k] = (u8)k;
		ends[k] = (u8)(k < nb / 2 ? k : 64 - nb + k);
		mid[k] = (u8)(32 - nb / 2 + k);
	}
	nr_fams = 0;
	tnum_family("low bits", 0, low);
	tnum_family("low bits, the rest 1", ~((1ull << nb) - 1), low);
	tnum_family("bits at both ends", 0, ends);
	tnum_family("bits around bit 32", 0, mid);
	range_family("around 0 (signed)", -half, true);
	range_family("from 0", 0, false);
	range_family("around 2^31", (1ull << 31) - half, false);
	range_family("around 2^32", (1ull << 32) - half, false);
	range_family("around 2^63", (1ull << 63) - half, false);
}

static u32 fam_count(const struct fam *f)
{
	return f->f.kind == FAM_TNUM ? ntnum : npat * npat;
}

static void report(const char *fmt, ...) __printf(1, 2);
static void report(const char *fmt, ...)
{
	va_list ap;

	if (++failures > MAX_REPORTS)
		return;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

static const char *show(const struct vreg *r, char *buf)
{
	vreg_print(r, buf, 160);
	return buf;
}

/* Builds every element; vreg_sync must keep every member (checked here too). */
static int build_elements(struct fam *f)
{
	u32 n = fam_count(f), i;
	char buf[160];

	f->el = calloc(n, sizeof(*f->el));
	if (!f->el)
		return -1;
	for (i = 0; i < npat; i++)
		f->e[i] = f->f.kind == FAM_TNUM ? deposit(&f->f, i) : f->f.base + i;
	for (i = 0; i < n; i++) {
		struct elem *el = &f->el[i];
		u64 lo = i / npat, hi = i % npat, x;

		el->members = SUM_EMPTY;
		vreg_unknown(&el->r);
		if (f->f.kind == FAM_TNUM) {
			u64 m = tmask[i], sub = m;

			el->t = TNUM(deposit(&f->f, tval[i]), deposit(&f->f, m) & ~f->f.fill);
			el->r.var = el->t;
			do {
				sum_add(&el->members, f->e[tval[i] | sub]);
				sub = (sub - 1) & m;
			} while (sub != m);
		} else {
			if (lo > hi)
				continue;
			if (f->f.is_signed) {
				el->r.smin = (s64)f->e[lo];
				el->r.smax = (s64)f->e[hi];
			} else {
				el->r.umin = f->e[lo];
				el->r.umax = f->e[hi];
			}
			for (x = lo; x <= hi; x++)
				sum_add(&el->members, f->e[x]);
		}
		checks++;
		if (!vreg_sync(&el->r) || !vreg_holds(&el->r, &el->members)) {
			report("# vreg_sync loses values of a %s element: %s\n", f->f.name,
			       show(&el->r, buf));
			vreg_unknown(&el->r);
		}
	}
	return 0;
}

static int setup(u32 bits)
{
	u32 t, i;

	nb = bits;
	npat = 1u << bits;
	for (ntnum = 1, i = 0; i < bits; i++)
		ntnum *= 3;
	free(tval);
	free(tmask);
	free(tsplit);
	tval = calloc(ntnum, sizeof(*tval));
	tmask = calloc(ntnum, sizeof(*tmask));
	tsplit = calloc(ntnum, sizeof(*tsplit));
	if (!tval || !tmask || !tsplit)
		return -1;
	for (t = 0; t < ntnum; t++) {
		u32 d = t, p = 1;

		for (i = 0; i < bits; i++, d /= 3, p *= 3) {
			if (d % 3 == 1)
				tval[t] |= 1ull << i;
			if (d % 3 == 2) {
				tmask[t] |= 1ull << i;
				if (!tsplit[t])
					tsplit[t] = p;
			}
		}
	}
	for (i = 0; i < nr_fams; i++)
		free(fams[i].el);
	make_families();
	for (i = 0; i < nr_fams; i++)
		if (build_elements(&fams[i]))
			return -1;
	return 0;
}

static bool sampled(u32 i)
{
	return stride == 1 || (i * 0x9e3779b1u) % stride == 0;
}

/* ---- the jobs: an operation, its concrete meaning and its check ---- */

struct job;
typedef void (*point_fn)(const struct job *j, u64 x, u64 y, struct sum *acc);
typedef void (*check_fn)(const struct job *j, const struct elem *a, const struct elem *b,
			 const struct sum *acc);

struct job {
	char name[48];
	u32 nsum;		/* summaries per operand pair */
	point_fn point;
	check_fn check;
	u8 op;
	bool w32;
	s16 off;
	u8 variant;
};

/*
 * Every abstract pair (a from @fa, b from @fb) with the summaries of what
 * its concrete pairs give. Tnums split at their lowest unknown bit, so a
 * pattern's two halves come before it in base-3 order; intervals grow by
 * their top value.
 */
static void run_binary(const struct job *j, const struct fam *fa, const struct fam *fb)
{
	u32 ns = j->nsum, a, k;
	struct sum *cst = malloc(sizeof(struct sum) * ns * npat);
	struct sum *row = malloc(sizeof(struct sum) * ns * (fa->f.kind == FAM_TNUM ? ntnum : 1));
	struct sum *acc = malloc(sizeof(struct sum) * ns);

	if (fa->f.kind == FAM_TNUM) {
		u32 B, A;

		for (B = 0; B < ntnum; B++) {
			u64 m = tmask[B];

			if (!sampled(B))
				continue;
			for (a = 0; a < npat; a++) {
				u64 sub = m;

				for (k = 0; k < ns; k++)
					cst[a * ns + k] = SUM_EMPTY;
				do {
					j->point(j, fa->e[a], fb->e[tval[B] | sub], &cst[a * ns]);
					sub = (sub - 1) & m;
				} while (sub != m);
			}
			for (A = 0; A < ntnum; A++) {
				struct sum *s = &row[A * ns];
				u32 p = tsplit[A];

				if (p) {
					memcpy(s, &row[(A - 2 * p) * ns], sizeof(*s) * ns);
					for (k = 0; k < ns; k++)
						sum_join(&s[k], &row[(A - p) * ns + k]);
				} else {
					memcpy(s, &cst[tval[A] * ns], sizeof(*s) * ns);
				}
				j->check(j, &fa->el[A], &fb->el[B], s);
			}
			checks += ntnum;
		}
	} else {
		u32 b1, b2, a1, a2;

		for (b1 = 0; b1 < npat; b1++) {
			for (a = 0; a < npat * ns; a++)
				cst[a] = SUM_EMPTY;
			for (b2 = b1; b2 < npat; b2++) {
				for (a = 0; a < npat; a++)
					j->point(j, fa->e[a], fb->e[b2], &cst[a * ns]);
				if (!sampled(b1 * npat + b2))
					continue;
				for (a1 = 0; a1 < npat; a1++) {
					for (k = 0; k < ns; k++)
						acc[k] = SUM_EMPTY;
					for (a2 = a1; a2 < npat; a2++) {
						for (k = 0; k < ns; k++)
							sum_join(&acc[k], &cst[a2 * ns + k]);
						j->check(j, &fa->el[a1 * npat + a2],
							 &fb->el[b1 * npat + b2], acc);
					}
					checks += npat - a1;
				}
			}
		}
	}
	free(cst);
	free(row);
	free(acc);
}

/* Every abstract value of @fa with the summary of its members' results (point's y is 0). */
static void run_unary(const struct job *j, const struct fam *fa)
{
	u32 ns = j->nsum, k;
	struct sum *row = malloc(sizeof(struct sum) * ns * (fa->f.kind == FAM_TNUM ? ntnum : npat));

	if (fa->f.kind == FAM_TNUM) {
		u32 A;

		for (A = 0; A < ntnum; A++) {
			struct sum *s = &row[A * ns];
			u32 p = tsplit[A];

			if (p) {
				memcpy(s, &row[(A - 2 * p) * ns], sizeof(*s) * ns);
				for (k = 0; k < ns; k++)
					sum_join(&s[k], &row[(A - p) * ns + k]);
			} else {
				for (k = 0; k < ns; k++)
					s[k] = SUM_EMPTY;
				j->point(j, fa->e[tval[A]], 0, s);
			}
			j->check(j, &fa->el[A], NULL, s);
		}
		checks += ntnum;
	} else {
		u32 a1, a2;

		for (a1 = 0; a1 < npat; a1++) {
			for (k = 0; k < ns; k++)
				row[k] = SUM_EMPTY;
			for (a2 = a1; a2 < npat; a2++) {
				j->point(j, fa->e[a2], 0, row);
				j->check(j, &fa->el[a1 * npat + a2], NULL, row);
			}
			checks += npat - a1;
		}
	}
	free(row);
}

static u32 members(const struct fam *f, const struct elem *el, u64 *out)
{
	u32 i = (u32)(el - f->el), n = 0;

	if (f->f.kind == FAM_TNUM) {
		u64 m = tmask[i], sub = m;

		do {
			out[n++] = f->e[tval[i] | sub];
			sub = (sub - 1) & m;
		} while (sub != m);
	} else {
		u32 x;

		for (x = i / npat; x <= i % npat; x++)
			out[n++] = f->e[x];
	}
	return n;
}

/* ---- suites ---- */

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

struct suite {
	u32 bits;
	u8 kind;		/* the operands' families: FAM_TNUM or FAM_RANGE */
	bool all_pairs;		/* every pair of families, not just each with itself */
	u32 stride;
};

static const struct suite *cur;

static void result(const char *what, u64 fails0, u64 checks0, double t0)
{
	ksft_test_result(failures == fails0, "%s, %u bits%s: %s (%llu cases, %.1f s)\n",
			 cur->kind == FAM_TNUM ? "tnums" : "intervals", nb,
			 stride > 1 ? ", sampled" : "", what, checks - checks0, now() - t0);
}

/* The pairs of families a suite runs a binary job on. */
static bool pair_wanted(u32 x, u32 y)
{
	if (fams[x].f.kind != cur->kind || fams[y].f.kind != cur->kind)
		return false;
	return cur->all_pairs || x == y;
}

static void binary_all(const struct job *j)
{
	u32 x, y;

	for (x = 0; x < nr_fams; x++) {
		for (y = 0; y < nr_fams; y++) {
			if (!pair_wanted(x, y))
				continue;
			cur_fa = &fams[x];
			cur_fb = &fams[y];
			run_binary(j, &fams[x], &fams[y]);
		}
	}
}

static void unary_all(const struct job *j)
{
	u32 x;

	for (x = 0; x < nr_fams; x++) {
		if (fams[x].f.kind != cur->kind)
			continue;
		cur_fa = &fams[x];
		run_unary(j, &fams[x]);
	}
}

/*
 * Runs @tests (@results results in all) on every suite of @quick, or, with
 * arguments "TBITS [RBITS [all]]", on every pair of tnums at TBITS bits and
 * of intervals at RBITS (of every pair of families with "all", else each
 * family with itself).
 */
static int exhaustive_main(int argc, char **argv, void (*const *tests)(void), u32 nr_tests,
			   u32 results, const struct suite *quick, u32 nr_quick)
{
	struct suite full[2];
	const struct suite *s = quick;
	u32 n = nr_quick, i, k;

	if (argc > 1) {
		u32 tbits = (u32)atoi(argv[1]), rbits = argc > 2 ? (u32)atoi(argv[2]) : tbits;

		if (tbits < 2 || tbits > MAX_BITS || rbits < 2 || rbits > MAX_BITS)
			return ksft_exit_fail_msg("usage: %s [TBITS [RBITS (2-%d) [all]]]\n", argv[0],
						  MAX_BITS);
		full[0] = (struct suite){ tbits, FAM_TNUM, argc > 3, 1 };
		full[1] = (struct suite){ rbits, FAM_RANGE, argc > 3, 1 };
		s = full;
		n = 0;
		for (i = 0; i < 2; i++)		/* the kinds @quick runs */
			for (k = 0; k < nr_quick; k++)
				if (quick[k].kind == full[i].kind) {
					full[n++] = full[i];
					break;
				}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);	/* results as they come: runs are long */
	ksft_print_header();
	ksft_set_plan(n * results);
	for (i = 0; i < n; i++) {
		cur = &s[i];
		stride = s[i].stride;
		if (setup(s[i].bits))
			return ksft_exit_fail_msg("out of memory\n");
		for (k = 0; k < nr_tests; k++)
			tests[k]();
	}
	ksft_finished();
	return 0;
}

#endif /* _SIPDRV_SCALAR_EXHAUSTIVE_H */
