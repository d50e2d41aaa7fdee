# SPDX-License-Identifier: GPL-2.0
# Pruning compares a scalar's known bits. Two paths meet at insn 10 with
# r3 in [0, 120] on both, a multiple of 8 on the first only. The jset that
# follows is decided on the first path (never taken) and not on the
# second, whose taken branch reads through a number.
# kind: raw
# expect: reject: read of memory through r4, which is a number, not a pointer
# insn: 13
mov %r0, 0
mov %r2, %r1
rsh %r2, 32
mov %r3, %r1
and %r3, 0x7f
jgt %r3, 120, +8
jne %r2, 0, +2
and %r3, 0x78
ja +1
mov %r2, 0
jset %r3, 7, +1
exit
mov %r4, 0
ldxb %r0, [%r4+0]
exit
