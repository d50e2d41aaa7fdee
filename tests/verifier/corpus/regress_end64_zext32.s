# SPDX-License-Identifier: GPL-2.0
# Regression (once unsound, fixed): was accepted, yet faulted in the checked interpreter: "memory access
# out of bounds at insn 7", 1 byte at data+64 (data_size 64).
# Raw program (r1 unknown, data_size 64); any r1. Found by
# tests/fuzz/verifier_fuzz.c (with be64 on a loaded value), minimized by hand.
#
# What the verifier believes: le64 and be64 are encoded in the 32-bit ALU
# class, and vreg_alu() (verifier/scalar.c) zero-extends the result of every
# op of that class: after "le64 r2" it takes r2 to be in [0, 0xffffffff],
# so "rsh r2, 26" gives [0, 63] and data + r2 stays inside the 64 bytes.
# What happens: le64 leaves all 64 bits (a byte swap of 64 bits on a
# big-endian host, nothing on a little-endian one), r2 is still 1 << 32,
# the shift gives 64 and the load reads one byte past the end. be64 is the
# same (the fuzzer's case: be64 of a fetched value, then a signed compare
# that the verifier thought always taken skipped an unchecked store).
# Fix: the byte swaps (SIP_END) take their width from imm, not from the
# class: no 32-bit truncation before or after for them (le64/be64 give an
# unknown 64-bit value, le32/be32 and le16/be16 the low 32/16 bits).
# kind: raw
# data: 64
# expect: reject: pointer arithmetic with an unbounded value (r2): bound it first
	lddw %r2, 0x100000000
	le64 %r2
	rsh %r2, 26
	lddw %r3, data+0
	add %r3, %r2
	ldxb %r0, [%r3]
	exit
