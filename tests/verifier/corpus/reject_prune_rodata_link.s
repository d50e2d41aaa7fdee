# SPDX-License-Identifier: GPL-2.0
# Pruning compares what a value read from read-only data is tied to. Two
# paths meet at "join" with r2 in [0, 7] and r3 within the same values: on
# the first (explored first), r3 is the byte of "abcdefg\0" at r2, so
# "r3 != 0" keeps r2 off the NUL and r2 + 1 inside the 8 bytes; on the
# second r3 is a number of its own.
# kind: raw
# rodata: 8
# rodata_bytes: 6162636465666700
# expect: reject: read of read-only data out of bounds (off [1, 8], size 1, size 8)
# insn: 21
	mov %r2, %r1
	and %r2, 7
	mov %r4, %r1
	rsh %r4, 8
	jeq %r4, 0, other
	lddw %r5, rodata+0
	add %r5, %r2
	ldxb %r3, [%r5+0]
	mov %r4, 0
	mov %r5, 0
	ja join
other:
	mov %r3, %r1
	rsh %r3, 16
	and %r3, 63
	mov %r5, 0
join:
	mov %r0, 0
	jeq %r3, 0, out
	lddw %r5, rodata+0
	add %r5, %r2
	ldxb %r0, [%r5+1]
out:
	exit
