# SPDX-License-Identifier: GPL-2.0
# A pointer walking private data 8 bytes at a time, compared with an end
# pointer into the same region: the comparison bounds the walk.
# kind: msg
# data: 128
# expect: accept
lddw %r2, data+0
lddw %r3, data+128
loop:
stdw [%r2+0], 0
add %r2, 8
jlt %r2, %r3, loop
mov %r0, 0
exit
