# SPDX-License-Identifier: GPL-2.0
# A pointer spilled with a 4-byte store: half a pointer on the stack could
# be read back as a number.
# kind: msg
# expect: reject: partial spill of a pointer (r1: ctx) to the stack
# insn: 0
stxw [%r10-8], %r1
mov %r0, 0
exit
