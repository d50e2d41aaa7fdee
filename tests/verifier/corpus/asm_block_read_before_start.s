# SPDX-License-Identifier: GPL-2.0
# A block of 64 bytes read one byte before its start.
# kind: msg
# expect: reject: read of exchange block out of bounds (off -1, size 1, block 64)
# insn: 3
mov %r1, 64
call 1
jeq %r0, 0, +4
ldxb %r2, [%r0-1]
mov %r1, %r0
call 2
mov %r0, 0
exit
