# SPDX-License-Identifier: GPL-2.0
# An opcode no instruction has (0xff), written over an add.
# kind: raw
# patch: 1 code=0xff
# expect: reject: unknown opcode 0xff
# insn: 1
mov %r0, 0
add %r0, 1
exit
