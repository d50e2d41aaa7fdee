# SPDX-License-Identifier: GPL-2.0
# A write to read-only data, at its first byte.
# kind: msg
# rodata: 8
# expect: reject: write to read-only data
# insn: 2
lddw %r2, rodata+0
stb [%r2+0], 1
mov %r0, 0
exit
