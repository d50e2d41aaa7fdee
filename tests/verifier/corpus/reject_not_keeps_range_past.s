# SPDX-License-Identifier: GPL-2.0
# ~x of x in [3, 10] is exactly [-11, -4] (x ^ -1 is -1 - x): ~x + 12
# indexes [1, 8] of 8 bytes of data. Bit by bit alone, ~x would be anywhere in
# [-16, -1]. With ~x + 12, one byte past the data: refused.
# kind: msg
# data: 8
# expect: reject: read of private data out of bounds (off [1, 8], size 1, size 8)
# insn: 8
ldxdw %r2, [%r1+8]
jlt %r2, 3, +7
jgt %r2, 10, +6
xor %r2, -1
add %r2, 12
lddw %r3, data+0
add %r3, %r2
ldxb %r0, [%r3+0]
mov %r0, 0
exit
