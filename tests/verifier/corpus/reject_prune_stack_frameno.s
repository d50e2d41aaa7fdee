# SPDX-License-Identifier: GPL-2.0
# Pruning compares which frame a stack pointer points into. In f, two
# paths meet at insn 16 with r0 = r10-8 of the caller's frame (first) and
# of f's own frame (second): only the first may be returned.
# kind: raw
# expect: reject: returning a pointer to the function's own stack
# insn: 16
mov %r6, %r1
stdw [%r10-8], 0
mov %r1, %r10
add %r1, -8
mov %r2, %r6
add %r2, 0
call local f
ldxdw %r0, [%r0+0]
exit
f:
stdw [%r10-8], 0
mov %r0, %r10
add %r0, -8
jne %r2, 0, +2
mov %r0, %r1
ja +1
mov %r2, 0
exit
