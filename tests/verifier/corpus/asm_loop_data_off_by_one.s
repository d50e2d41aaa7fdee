# SPDX-License-Identifier: GPL-2.0
# The same loop with jle: it also writes byte 64.
# kind: msg
# data: 64
# expect: reject: write to private data out of bounds (off [63, 64], size 1, size 64)
# insn: 4
mov %r3, 0
loop:
lddw %r2, data+0
add %r2, %r3
stb [%r2+0], 0
add %r3, 1
jle %r3, 64, loop
mov %r0, 0
exit
