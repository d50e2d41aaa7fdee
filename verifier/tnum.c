// SPDX-License-Identifier: GPL-2.0
/* Tristate-number arithmetic for the verifier (see tnum.h). */
#include "tnum.h"

struct tnum tnum_lshift(struct tnum a, u8 shift)
{
	return TNUM(a.value << shift, a.mask << shift);
}

struct tnum tnum_rshift(struct tnum a, u8 shift)
{
	return TNUM(a.value >> shift, a.mask >> shift);
}

struct tnum tnum_arshift(struct tnum a, u8 shift, u8 width)
{
	/* An unknown sign bit spreads into every bit the shift fills. */
	if (width == 32)
		return TNUM((u32)((s32)a.value >> shift), (u32)((s32)a.mask >> shift));
	return TNUM((u64)((s64)a.value >> shift), (u64)((s64)a.mask >> shift));
}

struct tnum tnum_add(struct tnum a, struct tnum b)
{
	u64 sm = a.mask + b.mask, sv = a.value + b.value;
	u64 sigma = sm + sv, chi = sigma ^ sv;
	u64 mu = chi | a.mask | b.mask;

	return TNUM(sv & ~mu, mu);
}

struct tnum tnum_sub(struct tnum a, struct tnum b)
{
	u64 dv = a.value - b.value;
	u64 alpha = dv + a.mask, beta = dv - b.mask;
	u64 chi = alpha ^ beta;
	u64 mu = chi | a.mask | b.mask;

	return TNUM(dv & ~mu, mu);
}

struct tnum tnum_and(struct tnum a, struct tnum b)
{
	u64 alpha = a.value | a.mask, beta = b.value | b.mask;
	u64 v = a.value & b.value;

	return TNUM(v, alpha & beta & ~v);
}

struct tnum tnum_or(struct tnum a, struct tnum b)
{
	u64 v = a.value | b.value, mu = a.mask | b.mask;

	return TNUM(v, mu & ~v);
}

struct tnum tnum_xor(struct tnum a, struct tnum b)
{
	u64 v = a.value ^ b.value, mu = a.mask | b.mask;

	return TNUM(v & ~mu, mu);
}

/* Shift-and-add over a's bits, as Linux does: sound, reasonably precise. */
struct tnum tnum_mul(struct tnum a, struct tnum b)
{
	struct tnum acc_v = tnum_const(a.value * b.value), acc_m = tnum_const(0);

	while (a.value || a.mask) {
		if (a.value & 1)
			acc_m = tnum_add(acc_m, TNUM(0, b.mask));
		else if (a.mask & 1)
			acc_m = tnum_add(acc_m, TNUM(0, b.value | b.mask));
		a = tnum_rshift(a, 1);
		b = tnum_lshift(b, 1);
	}
	return tnum_add(acc_v, acc_m);
}

bool tnum_in(struct tnum a, struct tnum b)
{
	if (b.mask & ~a.mask)
		return false;
	b.value &= ~a.mask;
	return a.value == b.value;
}

struct tnum tnum_union(struct tnum a, struct tnum b)
{
	u64 mu = a.mask | b.mask | (a.value ^ b.value);

	return TNUM(a.value & ~mu, mu);
}

/*
 * Greedy from the top bit, staying equal to u while possible; when a known 1
 * would exceed u, fall back to the last free bit set to 1 where u had 1:
 * clear it and set every lower free bit. (tnum.h has tried the common
 * cases.)
 */
bool tnum_max_le_search(struct tnum a, u64 u, u64 *out)
{
	u64 x = 0, fallback = 0;
	bool can_fall = false;
	int b;

	for (b = 63; b >= 0; b--) {
		u64 bit = 1ull << b, ub = u & bit;

		if (a.mask & bit) {
			if (ub) {
				fallback = x | (a.mask & (bit - 1)) | (a.value & (bit - 1));
				can_fall = true;
			}
			x |= ub;
			continue;
		}
		if ((a.value & bit) == ub) {
			x |= ub;
			continue;
		}
		if (!ub) {	/* x has 0 where u has 1... no: known 1 over u's 0 */
			if (!can_fall)
				return false;
			*out = fallback;
			return true;
		}
		/* known 0 under u's 1: everything below may be as large as it can */
		*out = x | (a.value & (bit - 1)) | (a.mask & (bit - 1));
		return true;
	}
	*out = x;
	return true;
}

struct tnum tnum_cast(struct tnum a, u8 bytes)
{
	u64 keep = bytes >= 8 ? ~0ull : (1ull << (bytes * 8)) - 1;

	return TNUM(a.value & keep, a.mask & keep);
}
