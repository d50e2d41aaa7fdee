# SPDX-License-Identifier: GPL-2.0
# 32-bit arithmetic on a pointer: it would cut the address in half.
# kind: msg
# expect: reject: pointer leak: add32 on a pointer (r1: ctx)
# insn: 0
add32 %r1, 8
mov %r0, 0
exit
