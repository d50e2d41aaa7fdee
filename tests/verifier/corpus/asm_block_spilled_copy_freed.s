# SPDX-License-Identifier: GPL-2.0
# A copy of a block pointer spilled to the stack dies with the block: the
# fill after the free gives a dead pointer.
# kind: msg
# expect: reject: r2 points to a block freed at insn 5 (use after free)
# insn: 7
mov %r1, 8
call 1
jeq %r0, 0, +6
stxdw [%r10-8], %r0
mov %r1, %r0
call 2
ldxdw %r2, [%r10-8]
stdw [%r2+0], 1
mov %r0, 0
exit
