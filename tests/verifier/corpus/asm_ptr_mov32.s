# SPDX-License-Identifier: GPL-2.0
# A 32-bit move of a pointer: the low half of the address as a number.
# kind: msg
# expect: reject: pointer leak: mov32 on a pointer (r1: ctx)
# insn: 0
mov32 %r0, %r1
exit
