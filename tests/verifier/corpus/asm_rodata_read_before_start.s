# SPDX-License-Identifier: GPL-2.0
# Read-only data read one byte before its start.
# kind: msg
# rodata: 8
# expect: reject: read of read-only data out of bounds (off -1, size 1, size 8)
# insn: 2
lddw %r2, rodata+0
ldxb %r0, [%r2-1]
exit
