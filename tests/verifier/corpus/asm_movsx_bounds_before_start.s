# SPDX-License-Identifier: GPL-2.0
# The same sign-extended value in [-8, 7] used from the start of private
# data: it may reach 8 bytes before it.
# kind: msg
# data: 16
# expect: reject: read of private data out of bounds (off [-8, 7], size 1, size 16)
# insn: 8
ldxb %r2, [%r1+4]
and %r2, 15
lsh %r2, 4
movsx864 %r2, %r2
arsh %r2, 4
lddw %r4, data+0
add %r4, %r2
ldxb %r0, [%r4+0]
exit
