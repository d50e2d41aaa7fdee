# SPDX-License-Identifier: GPL-2.0
# Private data of 16 bytes read at byte 16.
# kind: msg
# data: 16
# expect: reject: read of private data out of bounds (off 16, size 1, size 16)
# insn: 2
lddw %r2, data+0
ldxb %r0, [%r2+16]
exit
