# SPDX-License-Identifier: GPL-2.0
# A sign-extending byte load (ldxsb, cpu v4) gives a value in [-128, 127]:
# used as an offset into private data from its start, it may reach 128
# bytes before it.
# kind: msg
# data: 256
# expect: reject: read of private data out of bounds (off [-128, 127], size 1, size 256)
# insn: 5
stb [%r10-1], 0x80
ldxsb %r2, [%r10-1]
lddw %r4, data+0
add %r4, %r2
ldxb %r0, [%r4+0]
exit
