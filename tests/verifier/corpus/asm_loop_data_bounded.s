# SPDX-License-Identifier: GPL-2.0
# A loop over 64 bytes of private data with a jlt bound: after widening
# the index is still known to be below 64.
# kind: msg
# data: 64
# expect: accept
mov %r3, 0
loop:
lddw %r2, data+0
add %r2, %r3
stb [%r2+0], 0
add %r3, 1
jlt %r3, 64, loop
mov %r0, 0
exit
