# SPDX-License-Identifier: GPL-2.0
# A NULL check done with a 32-bit comparison: only the low half of the
# pointer would be tested.
# kind: msg
# expect: reject: pointer comparison in 32 bits (r0: block_or_null)
# insn: 2
mov %r1, 8
call 1
jeq32 %r0, 0, +3
mov %r1, %r0
call 2
mov %r0, 0
exit
