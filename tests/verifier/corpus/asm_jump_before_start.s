# SPDX-License-Identifier: GPL-2.0
# A jump before the first instruction.
# kind: raw
# expect: reject: jeq: target -1 is outside the program (0..2)
# insn: 1
mov %r0, 0
jeq %r1, 1, -3
exit
