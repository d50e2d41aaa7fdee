/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tristate numbers: a 64-bit value whose bits are each known 0, known 1 or
 * unknown (mask bit set). The verifier's "known bits" domain, after
 * Linux's kernel/bpf/tnum.c and the paper by Vishwanathan et al.
 */
#ifndef _SIPDRV_TNUM_H
#define _SIPDRV_TNUM_H

#include "platform.h"

struct tnum {
	u64 value;	/* known bits (where mask is 0) */
	u64 mask;	/* 1: unknown */
};

#define TNUM(v, m) ((struct tnum){ .value = (v), .mask = (m) })
#define TNUM_UNKNOWN TNUM(0, ~0ull)

static inline struct tnum tnum_const(u64 v) { return TNUM(v, 0); }
static inline bool tnum_is_const(struct tnum a) { return !a.mask; }
static inline bool tnum_is_unknown(struct tnum a) { return !~a.mask; }

/*
 * The few below run for every register a step writes (vreg_sync()): they
 * are defined here, to be inlined there.
 */

/* The smallest tnum holding every value of [min, max]. */
static inline struct tnum tnum_range(u64 min, u64 max)
{
	u64 chi = min ^ max, delta;
	u8 bits = chi ? 64 - __builtin_clzll(chi) : 0;

	/* min and max differ in the low 'bits' bits: those are unknown. */
	if (bits > 63)
		return TNUM_UNKNOWN;
	delta = (1ull << bits) - 1;
	return TNUM(min & ~delta, delta);
}

struct tnum tnum_add(struct tnum a, struct tnum b);
struct tnum tnum_sub(struct tnum a, struct tnum b);
struct tnum tnum_mul(struct tnum a, struct tnum b);
struct tnum tnum_and(struct tnum a, struct tnum b);
struct tnum tnum_or(struct tnum a, struct tnum b);
struct tnum tnum_xor(struct tnum a, struct tnum b);
struct tnum tnum_lshift(struct tnum a, u8 shift);
struct tnum tnum_rshift(struct tnum a, u8 shift);
struct tnum tnum_arshift(struct tnum a, u8 shift, u8 width);
/* Both a and b hold the value: their common knowledge; false when they disagree. */
static inline bool tnum_intersect(struct tnum a, struct tnum b, struct tnum *out)
{
	u64 v = a.value | b.value, mu = a.mask & b.mask;

	/* A bit known in both must agree. */
	if ((a.value ^ b.value) & ~(a.mask | b.mask))
		return false;
	*out = TNUM(v & ~mu, mu);
	return true;
}

/* Every value of b is a value of a. */
bool tnum_in(struct tnum a, struct tnum b);
/* The values of a or b. */
struct tnum tnum_union(struct tnum a, struct tnum b);
struct tnum tnum_cast(struct tnum a, u8 bytes);
bool tnum_max_le_search(struct tnum a, u64 u, u64 *out);

/* The largest value of a that is <= u (false: none). */
static inline bool tnum_max_le(struct tnum a, u64 u, u64 *out)
{
	if ((u & ~a.mask) == a.value) {		/* u itself is a member */
		*out = u;
		return true;
	}
	if (!a.mask) {				/* a constant */
		*out = a.value;
		return a.value <= u;
	}
	return tnum_max_le_search(a, u, out);
}

/* The smallest value of a that is >= l (false: none). */
static inline bool tnum_min_ge(struct tnum a, u64 l, u64 *out)
{
	struct tnum n = TNUM(~a.value & ~a.mask, a.mask);	/* the complement */
	u64 m;

	/* x >= l  <=>  ~x <= ~l: the largest complement below ~l. */
	if (!tnum_max_le(n, ~l, &m))
		return false;
	*out = ~m;
	return true;
}

#endif /* _SIPDRV_TNUM_H */
