# SPDX-License-Identifier: GPL-2.0
# Regression (once unsound; fixed: widening stops pointer offsets at
# +-VPTR_OFF_MAX): was accepted, yet faulted in the checked
# interpreter: "memory access out of bounds at insn 6", 8 bytes at data+128.
# Raw program (r1 unknown, data_size 64); any r1. Found by
# tests/fuzz/verifier_fuzz.c (as a UBSan report: signed overflow in
# ptr_add()), minimized by hand.
#
# What the verifier believed: after 8 visits the loop head is widened and
# r8's offset range opens to [0, S64_MAX] (reg_widen() in verifier/state.c).
# "add r8, 8" then computed hi = S64_MAX + 8 in s64 (ptr_add() in
# verifier/check.c): undefined behaviour, in practice a wrap to a negative
# number that passes the "hi > MAX_PTR_OFF" test, and check_region() did
# the same sum for the load, so [r8] looked inside data.
# What happened: r8 walks 16 times by 8 to data+128, past the 64 bytes.
# Besides bounding widened offsets, every offset sum in ptr_add(),
# check_region() and stack_range() should use __builtin_add_overflow (or
# be proven not to need it), as the kernel build wraps instead of trapping.
# kind: raw
# data: 64
# expect: reject: read of private data out of bounds (off 128, size 8, size 64)
	lddw %r8, data+0
	mov %r9, 16
loop:
	add %r8, 8
	add %r9, -1
	jne %r9, 0, loop
	ldxdw %r0, [%r8]
	exit
