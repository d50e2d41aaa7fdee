# SPDX-License-Identifier: GPL-2.0
# Sign extension (movsx, cpu v4) of a byte known to be a multiple of 16 in
# [0, 240], then an arithmetic shift: the result is in [-8, 7], which fits
# 16 bytes of private data only from their middle (data+8).
# kind: msg
# data: 16
# expect: accept
ldxb %r2, [%r1+4]
and %r2, 15
lsh %r2, 4
movsx864 %r2, %r2
arsh %r2, 4
lddw %r4, data+8
add %r4, %r2
ldxb %r0, [%r4+0]
exit
