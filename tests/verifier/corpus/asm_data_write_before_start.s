# SPDX-License-Identifier: GPL-2.0
# Private data written one byte before its start, through a pointer made
# at offset 8 and moved back by 9.
# kind: msg
# data: 16
# expect: reject: write to private data out of bounds (off -1, size 1, size 16)
# insn: 3
lddw %r2, data+8
sub %r2, 9
stb [%r2+0], 0
mov %r0, 0
exit
