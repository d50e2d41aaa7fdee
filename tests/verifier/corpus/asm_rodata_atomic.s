# SPDX-License-Identifier: GPL-2.0
# An atomic add on read-only data.
# kind: msg
# rodata: 8
# expect: reject: atomic access to read-only data
# insn: 3
lddw %r2, rodata+0
mov %r3, 1
lock add [%r2+0], %r3
mov %r0, 0
exit
