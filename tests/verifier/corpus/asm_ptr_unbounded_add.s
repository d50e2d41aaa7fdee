# SPDX-License-Identifier: GPL-2.0
# A pointer moved by a number nothing bounds (a message argument).
# kind: msg
# data: 64
# expect: reject: pointer arithmetic with an unbounded value (r3): bound it first
# insn: 3
ldxdw %r3, [%r1+8]
lddw %r2, data+0
add %r2, %r3
ldxb %r0, [%r2+0]
exit
