# SPDX-License-Identifier: GPL-2.0
# A given-up block's register (VT_GONE) records why and where the block
# went, for messages only: two paths that freed the block at different
# instructions meet at "join", and the first covers the second whatever
# it holds there. (Precision only: without it the second path would be
# explored again, and still accepted.)
# kind: msg
# expect: accept
mov %r6, %r1
mov %r1, 64
call 1
jeq %r0, 0, out
mov %r7, %r0
ldxdw %r2, [%r6+8]
jne %r2, 0, path_b
mov %r1, %r7
call 2
ja join
path_b:
mov %r1, %r7
call 2
join:
mov %r0, 0
exit
out:
mov %r0, 0
exit
