# SPDX-License-Identifier: GPL-2.0
# Pruning compares a scalar's unsigned lower bound. Two paths meet at insn
# 8 with r3 at least 8 (first) or any value (second): signed bounds and
# known bits say nothing on either. The comparison that follows is decided
# on the first path only; its other branch reads through a number.
# kind: raw
# expect: reject: read of memory through r4, which is a number, not a pointer
# insn: 12
mov %r0, 0
mov %r3, %r1
add %r3, 0
jne %r1, 0, +4
jge %r3, 8, +1
mov %r3, 8
mov %r1, 0
ja +1
mov %r1, 0
jlt %r3, 8, +1
exit
mov %r4, 0
ldxb %r0, [%r4+0]
exit
