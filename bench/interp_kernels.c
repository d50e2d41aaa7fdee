// SPDX-License-Identifier: GPL-2.0
/*
 * Driver-like kernels for the interpreter benchmark, written once and
 * compiled twice: by clang -target bpf into bytecode for the interpreter,
 * and by gcc -O2 into the native baseline linked into sipbench. Each takes
 * (data, len) and returns a value the benchmark checks across both builds.
 */
#ifdef __bpf__
#define KERNEL(name) __attribute__((section("sipbench/" #name), used))
#else
#define KERNEL(name) __attribute__((noinline, used))
#endif

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;

/* The Internet checksum (RFC 1071) over a buffer, 16 bits at a time. */
KERNEL(checksum)
u64 bench_checksum(const u8 *data, u64 len)
{
	u64 sum = 0, i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (u64)data[i] << 8 | data[i + 1];
	if (len & 1)
		sum += (u64)data[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (u16)~sum;
}

/*
 * A byte loop parsing a stream of type-length-value records, as a driver
 * walks descriptors or option headers: counts records by type and sums the
 * big-endian 16-bit fields of type-2 records, stopping at a truncated one.
 */
KERNEL(parse)
u64 bench_parse(const u8 *data, u64 len)
{
	u64 off = 0, records = 0, acc = 0, type1 = 0;

	while (off + 2 <= len) {
		u64 type = data[off], rlen = data[off + 1];

		if (off + 2 + rlen > len)
			break;
		if (type == 1) {
			type1++;
		} else if (type == 2) {
			u64 j;

			for (j = 0; j + 1 < rlen; j += 2)
				acc += (u64)data[off + 2 + j] << 8 | data[off + 3 + j];
		}
		records++;
		off += 2 + rlen;
	}
	return records << 48 | type1 << 32 | (acc & 0xffffffff);
}

/* An arithmetic loop: xorshift64* steps mixed into an accumulator. */
KERNEL(arith)
u64 bench_arith(const u8 *data, u64 len)
{
	u64 x = 0x9e3779b97f4a7c15ull ^ len, acc = 0, i;

	(void)data;
	for (i = 0; i < len; i++) {
		x ^= x >> 12;
		x ^= x << 25;
		x ^= x >> 27;
		acc += x * 0x2545f4914f6cdd1dull;
		acc = acc << 7 | acc >> 57;
	}
	return acc;
}
