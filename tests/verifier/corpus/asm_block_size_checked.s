# SPDX-License-Identifier: GPL-2.0
# A block of unknown size (the message's, helper 5) made usable up to 16
# bytes by testing its size (helper 3): jlt 16 goes to the free.
# kind: msg
# expect: accept
call 5
jeq %r0, 0, +9
mov %r6, %r0
mov %r1, %r6
call 3
jlt %r0, 16, +2
stdw [%r6+8], 1
ldxdw %r2, [%r6+8]
mov %r1, %r6
call 2
mov %r0, 0
exit
