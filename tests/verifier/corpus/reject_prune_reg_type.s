# SPDX-License-Identifier: GPL-2.0
# Pruning compares register types. Two paths meet at insn 7 (r1, which
# chose the path, is reset on both): on the first (fall-through, explored
# first) r2 points to private data, on the second it is the number 0. Old's
# continuation reads through r2 safely; cur's reads through a number, so
# cur is not covered and is refused.
# kind: raw
# data: 8
# expect: reject: read of memory through r2, which is a number, not a pointer
# insn: 7
jne %r1, 0, +4
lddw %r2, data+0
mov %r1, 0
ja +2
mov %r2, 0
mov %r1, 0
ldxb %r0, [%r2+0]
exit
