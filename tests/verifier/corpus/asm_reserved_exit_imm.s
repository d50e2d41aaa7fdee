# SPDX-License-Identifier: GPL-2.0
# A reserved field set: exit has no operands, its imm must be 0.
# kind: raw
# patch: 1 imm=7
# expect: reject: exit: reserved field imm is 7, must be 0
# insn: 1
mov %r0, 0
exit
