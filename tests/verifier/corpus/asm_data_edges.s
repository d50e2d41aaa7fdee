# SPDX-License-Identifier: GPL-2.0
# Private data of 16 bytes at its edges: byte 0 and byte 15, a double word
# at 8, written and read.
# kind: msg
# data: 16
# expect: accept
lddw %r2, data+0
stb [%r2+0], 1
stb [%r2+15], 2
stdw [%r2+8], 3
ldxb %r0, [%r2+15]
ldxb %r3, [%r2+0]
ldxdw %r4, [%r2+8]
add %r0, %r3
add %r0, %r4
exit
