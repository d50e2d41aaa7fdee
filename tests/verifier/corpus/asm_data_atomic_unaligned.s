# SPDX-License-Identifier: GPL-2.0
# An atomic double-word add at offset 4: atomics must be naturally
# aligned.
# kind: msg
# data: 16
# expect: reject: atomic access must be at a fixed, 8-byte aligned offset
# insn: 3
lddw %r2, data+0
mov %r3, 1
lock add [%r2+4], %r3
mov %r0, 0
exit
