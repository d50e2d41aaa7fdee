# SPDX-License-Identifier: GPL-2.0
# Private data read one byte before its start, through a pointer made by
# lddw at offset 0.
# kind: msg
# data: 16
# expect: reject: read of private data out of bounds (off -1, size 1, size 16)
# insn: 2
lddw %r2, data+0
ldxb %r0, [%r2-1]
exit
