# SPDX-License-Identifier: GPL-2.0
# Code past the end after a conditional jump: its fall-through side leaves
# the program.
# kind: raw
# expect: reject: jne: the last instruction falls through past the end
# insn: 2
mov %r0, 0
exit
jne %r1, 0, -2
