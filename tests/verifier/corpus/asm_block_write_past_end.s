# SPDX-License-Identifier: GPL-2.0
# A block of 64 bytes written at byte 64.
# kind: msg
# expect: reject: write to exchange block out of bounds (off 64, size 1, block 64)
# insn: 3
mov %r1, 64
call 1
jeq %r0, 0, +4
stb [%r0+64], 1
mov %r1, %r0
call 2
mov %r0, 0
exit
