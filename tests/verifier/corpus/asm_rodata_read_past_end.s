# SPDX-License-Identifier: GPL-2.0
# Read-only data of 8 bytes read as a word at byte 5.
# kind: msg
# rodata: 8
# expect: reject: read of read-only data out of bounds (off 5, size 4, size 8)
# insn: 2
lddw %r2, rodata+0
ldxw %r0, [%r2+5]
exit
