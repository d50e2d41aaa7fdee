# SPDX-License-Identifier: GPL-2.0
# Code past the end: the last instruction is no exit or jump, so control
# would run off the program.
# kind: raw
# expect: reject: the last instruction falls through past the end
# insn: 1
mov %r0, 0
add %r0, 1
