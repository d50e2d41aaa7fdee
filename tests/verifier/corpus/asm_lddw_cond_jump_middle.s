# SPDX-License-Identifier: GPL-2.0
# A conditional jump into the middle of lddw (the jump back of a loop, off
# by one).
# kind: raw
# expect: reject: jeq: target 2 is the middle of lddw
# insn: 3
mov %r0, 0
lddw %r2, 0x100000000
jeq %r1, 0, -2
exit
