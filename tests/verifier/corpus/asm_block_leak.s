# SPDX-License-Identifier: GPL-2.0
# A block allocated, checked and never given up.
# kind: msg
# expect: reject: block leak: the block from insn 1 is still owned at exit
# insn: 5
mov %r1, 8
call 1
jeq %r0, 0, +1
stdw [%r0+0], 1
mov %r0, 0
exit
