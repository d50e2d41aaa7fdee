# SPDX-License-Identifier: GPL-2.0
# Pruning counts spilled copies as links. Two paths meet at insn 15 (after
# a call, so r1-r5 are unset on both): on the first, r10-8 holds a spilled
# copy of r6, so bounding r6 bounds what is filled back from there; on the
# second it holds an unrelated number. The fill then indexes 16 bytes of
# private data.
# kind: raw
# data: 16
# expect: reject: pointer arithmetic with an unbounded value (r4)
# insn: 19
mov %r0, 0
mov %r6, %r1
add %r6, 0
mov %r7, %r1
rsh %r7, 32
stxdw [%r10-8], %r7
mov %r7, 0
mov %r8, 0
jne %r1, 0, +5
mov %r8, %r6
stxdw [%r10-8], %r8
mov %r8, 0
call local g
ja +1
call local g
jgt %r6, 15, +5
ldxdw %r4, [%r10-8]
lddw %r5, data+0
add %r5, %r4
ldxb %r0, [%r5+0]
exit
g:
mov %r0, 0
exit
