# SPDX-License-Identifier: GPL-2.0
# A double-word read starting one byte below the stack (r10-513): its
# last 7 bytes are inside, its first is not.
# kind: raw
# expect: reject: stack access out of bounds (off -513, size 8): the stack is 512 bytes
# insn: 1
stdw [%r10-512], 0
ldxdw %r0, [%r10-513]
exit
