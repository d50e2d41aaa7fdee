# SPDX-License-Identifier: GPL-2.0
# The context pointer spilled whole, the register reused, the pointer
# filled back and used: the stack keeps its type.
# kind: msg
# expect: accept
stxdw [%r10-8], %r1
mov %r1, 0
ldxdw %r6, [%r10-8]
ldxw %r0, [%r6+4]
exit
