# SPDX-License-Identifier: GPL-2.0
# A double word written at byte 9 of 16 bytes of private data: its last
# byte is byte 16.
# kind: msg
# data: 16
# expect: reject: write to private data out of bounds (off 9, size 8, size 16)
# insn: 2
lddw %r2, data+0
stdw [%r2+9], 0
mov %r0, 0
exit
