# SPDX-License-Identifier: GPL-2.0
# Regression (once unsound, a pointer leak): was accepted, and returned the low 32 bits of the stack
# address, sign-extended (0xffffffffad9fe108 in one run): the handler's
# result depends on where memory lies. Raw program (r1 unknown); any r1.
# Found by tests/fuzz/verifier_fuzz.c (its check that a run in memory placed
# elsewhere gives the same answer), minimized by hand.
#
# What the verifier believes: check_alu() in verifier/check.c lets every
# 64-bit "mov" through with a pointer operand ("mov K: a number replaces the
# pointer"), and only MOV64_X copies the pointer; the sign-extending moves
# movsx864/movsx1664/movsx3264 are ALU64 movs with a register source, so
# they reach vreg_alu() with the pointer and come out as a plain number.
# What happens: r0 holds bits of r10; the same with any pointer (lddw data,
# rodata...) and any width, and the number can be stored to private data or
# sent. DESIGN.md promises that pointers are never turned into numbers.
# Fix: treat the sign-extending moves (MOV with off != 0) like the other ALU
# ops on pointers ("pointer leak: movsx on a pointer"); only a plain mov K
# may replace a pointer with a number.
# kind: raw
# expect: reject: pointer leak: movsx3264 of a pointer (r10: stack)
	movsx3264 %r0, %r10
	exit
