# SPDX-License-Identifier: GPL-2.0
# A local function returning a pointer to its own stack, which is gone as
# soon as it returns.
# kind: raw
# expect: reject: returning a pointer to the function's own stack
# insn: 6
call local f
ldxdw %r0, [%r0+0]
exit
f:
stdw [%r10-8], 1
mov %r0, %r10
add %r0, -8
exit
