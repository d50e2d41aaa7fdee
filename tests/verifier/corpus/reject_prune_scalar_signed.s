# SPDX-License-Identifier: GPL-2.0
# Pruning compares a scalar's signed bounds. Two paths meet at insn 11
# with r3 in s[-8, 7] (first) and s[-16, 7] (second), both of any
# unsigned value and known bits; r3 offsets a pointer 8 bytes into 16 of
# private data.
# kind: raw
# data: 16
# expect: reject: read of private data out of bounds (off [-8, 15], size 1, size 16)
# insn: 14
mov %r0, 0
mov %r2, %r1
rsh %r2, 32
mov %r3, %r1
jsgt %r3, 7, +10
jslt %r3, -16, +9
jne %r2, 0, +3
jsge %r3, -8, +1
mov %r3, 0
ja +1
mov %r2, 0
lddw %r4, data+8
add %r4, %r3
ldxb %r0, [%r4+0]
exit
