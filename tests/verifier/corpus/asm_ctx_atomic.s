# SPDX-License-Identifier: GPL-2.0
# An atomic add on the message context.
# kind: msg
# expect: reject: the context is read-only (atomic access at off 8)
# insn: 1
mov %r2, 1
lock add [%r1+8], %r2
mov %r0, 0
exit
