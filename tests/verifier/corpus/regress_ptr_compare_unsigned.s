# SPDX-License-Identifier: GPL-2.0
# Regression (once unsound, fixed): was accepted, yet faulted in the checked interpreter: "memory access
# out of bounds at insn 3", 8 bytes at r10+8 (above frame 0's stack).
# Raw program (r1 unknown, data_size 64); any r1. Found by
# tests/fuzz/verifier_fuzz.c, minimized by hand.
#
# What the verifier believes: a comparison of two pointers into one region
# (ptr_branch() in verifier/check.c) is decided on their offsets, with the
# operation as written. "jge r2, r10" compares the stack offsets -8 and 0
# as unsigned numbers: 0xfffffffffffffff8 >= 0, so the jump is "always
# taken", the fall-through is never explored and the load at insn 3 is
# never checked.
# What happens: the addresses compare the other way (r10 - 8 < r10), the
# jump falls through and the load reads above the stack. The same happens
# with data pointers below their base (lddw data+0; add -8), and
# ptr_refine() narrows with the same wrong view.
# Fix: offsets in one region compare like the addresses only as signed
# numbers (the region does not wrap): map jgt/jge/jlt/jle to
# jsgt/jsge/jslt/jsle in ptr_branch() and ptr_refine().
# kind: raw
# data: 64
# expect: reject: stack access out of bounds (off 8, size 8): the stack is 512 bytes
	mov %r2, %r10
	add %r2, -8
	jge %r2, %r10, +2
	ldxdw %r0, [%r10+8]
	exit
	mov %r0, 0
	exit
