# SPDX-License-Identifier: GPL-2.0
# A pointer compared with a number: the outcome would reveal the address.
# kind: msg
# expect: reject: pointer comparison: r1 (ctx) with imm (scalar) is not allowed
# insn: 0
jgt %r1, 4096, +1
mov %r0, 0
mov %r0, 1
exit
