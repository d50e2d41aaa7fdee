# SPDX-License-Identifier: GPL-2.0
# A pointer used as the operand of an atomic add into private data.
# kind: msg
# data: 16
# expect: reject: pointer leak: atomic operation with a pointer (r1: ctx)
# insn: 2
lddw %r2, data+8
lock add [%r2+0], %r1
mov %r0, 0
exit
