# SPDX-License-Identifier: GPL-2.0
# A source register beyond r10 (15) in a register move.
# kind: raw
# patch: 0 src=15
# expect: reject: invalid register r15
# insn: 0
mov %r0, %r1
exit
