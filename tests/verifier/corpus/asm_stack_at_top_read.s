# SPDX-License-Identifier: GPL-2.0
# A read at r10+0: one byte past the stack's top.
# kind: raw
# expect: reject: stack access out of bounds (off 0, size 1): the stack is 512 bytes
# insn: 0
ldxb %r0, [%r10+0]
exit
