# SPDX-License-Identifier: GPL-2.0
# The second slot of lddw must hold only the high immediate: here it has
# an opcode (an instruction hidden in the constant).
# kind: raw
# patch: 2 code=0x07
# expect: reject: lddw: second slot must hold only the high immediate (code 0x07
# insn: 2
mov %r0, 0
lddw %r1, 0x1
exit
