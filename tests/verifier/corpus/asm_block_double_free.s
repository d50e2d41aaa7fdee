# SPDX-License-Identifier: GPL-2.0
# A block freed twice through a copy kept in a callee-saved register.
# kind: msg
# expect: reject: r6 points to a block freed at insn 5 (use after free)
# insn: 6
mov %r1, 8
call 1
jeq %r0, 0, +5
mov %r6, %r0
mov %r1, %r6
call 2
mov %r1, %r6
call 2
mov %r0, 0
exit
