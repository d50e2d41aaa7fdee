# SPDX-License-Identifier: GPL-2.0
# A local function stores a pointer to its own stack into its caller's
# frame: once it returns, the caller would hold a pointer to a dead frame.
# kind: raw
# expect: reject: storing a pointer to a callee's stack (r2) into an older frame: it would dangle
# insn: 9
mov %r1, %r10
add %r1, -8
call local f
ldxdw %r2, [%r10-8]
ldxdw %r0, [%r2+0]
exit
f:
stdw [%r10-16], 5
mov %r2, %r10
add %r2, -16
stxdw [%r1+0], %r2
mov %r0, 0
exit
