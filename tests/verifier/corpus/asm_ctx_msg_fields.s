# SPDX-License-Identifier: GPL-2.0
# Every field of the message context at its offset and size, block_size
# (the last, bytes 32 to 39) included, and narrower reads of scalar
# fields.
# kind: msg
# expect: accept
ldxw %r2, [%r1+0]
ldxw %r0, [%r1+4]
ldxdw %r3, [%r1+8]
ldxdw %r4, [%r1+16]
ldxdw %r5, [%r1+24]
ldxdw %r6, [%r1+32]
ldxb %r7, [%r1+32]
ldxh %r8, [%r1+4]
add %r0, %r3
add %r0, %r4
add %r0, %r5
add %r0, %r6
add %r0, %r7
add %r0, %r8
exit
