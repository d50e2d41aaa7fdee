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

/* The smallest tnum holding every value of [min, max]. */
struct tnum tnum_range(u64 min, u64 max);

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
bool tnum_intersect(struct tnum a, struct tnum b, struct tnum *out);
/* Every value of b is a value of a. */
bool tnum_in(struct tnum a, struct tnum b);
/* The values of a or b. */
struct tnum tnum_union(struct tnum a, struct tnum b);
struct tnum tnum_cast(struct tnum a, u8 bytes);
/* The largest value of a that is <= u (false: none); the smallest >= l. */
bool tnum_max_le(struct tnum a, u64 u, u64 *out);
bool tnum_min_ge(struct tnum a, u64 l, u64 *out);

#endif /* _SIPDRV_TNUM_H */
