# SPDX-License-Identifier: GPL-2.0
# A write at r10+0: one byte past the stack's top.
# kind: raw
# expect: reject: stack access out of bounds (off 0, size 1): the stack is 512 bytes
# insn: 0
stb [%r10+0], 1
mov %r0, 0
exit
