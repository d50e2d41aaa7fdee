# SPDX-License-Identifier: GPL-2.0
# A jump past the last instruction.
# kind: raw
# expect: reject: ja: target 4 is outside the program (0..2)
# insn: 1
mov %r0, 0
ja +2
exit
