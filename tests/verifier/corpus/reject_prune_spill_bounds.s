# SPDX-License-Identifier: GPL-2.0
# Pruning compares spilled registers like registers. Two paths meet at
# insn 10 with equal registers and a spilled number in [0, 7] (first) or
# [0, 15] (second); filled back, it indexes 8 bytes of private data.
# kind: raw
# data: 8
# expect: reject: read of private data out of bounds (off [0, 15], size 1, size 8)
# insn: 14
mov %r3, %r1
and %r3, 15
mov %r4, %r3
and %r4, 7
stxdw [%r10-8], %r3
mov %r3, 0
jne %r1, 0, +2
stxdw [%r10-8], %r4
ja +1
mov %r1, 0
ldxdw %r4, [%r10-8]
lddw %r5, data+0
add %r5, %r4
ldxb %r0, [%r5+0]
exit
