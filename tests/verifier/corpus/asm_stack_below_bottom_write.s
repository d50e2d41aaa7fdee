# SPDX-License-Identifier: GPL-2.0
# A write one byte below the stack's bottom (r10-513).
# kind: raw
# expect: reject: stack access out of bounds (off -513, size 1): the stack is 512 bytes
# insn: 0
stb [%r10-513], 1
mov %r0, 0
exit
