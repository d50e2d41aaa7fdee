# SPDX-License-Identifier: GPL-2.0
# A block known to hold at least 16 bytes (size tested with jlt 16),
# written as a double word at byte 9.
# kind: msg
# expect: reject: write to exchange block out of bounds (off 9, size 8, block 16)
# insn: 6
call 5
jeq %r0, 0, +8
mov %r6, %r0
mov %r1, %r6
call 3
jlt %r0, 16, +1
stdw [%r6+9], 1
mov %r1, %r6
call 2
mov %r0, 0
exit
