# SPDX-License-Identifier: GPL-2.0
# A NULL test read backwards: the write is on the side where the block is
# NULL (jne jumps when it is not).
# kind: msg
# expect: reject: read of memory through r0, which is a number, not a pointer
# insn: 3
mov %r1, 8
call 1
jne %r0, 0, +2
ldxdw %r2, [%r0+0]
ldxdw %r2, [%r0+0]
mov %r1, %r0
call 2
mov %r0, 0
exit
