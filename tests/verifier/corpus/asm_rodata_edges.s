# SPDX-License-Identifier: GPL-2.0
# Read-only data of 8 bytes read at its first and last byte and whole.
# kind: msg
# rodata: 8
# expect: accept
lddw %r2, rodata+0
ldxb %r0, [%r2+0]
ldxb %r3, [%r2+7]
ldxdw %r4, [%r2+0]
add %r0, %r3
add %r0, %r4
exit
