# SPDX-License-Identifier: GPL-2.0
# Pruning compares each frame's call site. f is entered twice in the same
# state except where it returns to; the second return leads to a read
# through a number, so the second entry is not covered by the first.
# kind: raw
# expect: reject: read of memory through r6, which is a number, not a pointer
# insn: 4
mov %r6, 0
call local g
call local f
call local f
ldxdw %r0, [%r6+0]
exit
f:
mov %r0, 0
exit
g:
mov %r0, 0
exit
