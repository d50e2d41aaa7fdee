# SPDX-License-Identifier: GPL-2.0
# lddw may point at the end of private data (data+16 of 16 bytes, as C's
# one-past-the-end pointers), and the last byte is then at -1.
# kind: msg
# data: 16
# expect: accept
lddw %r2, data+16
stb [%r2-1], 1
ldxb %r0, [%r2-1]
exit
