# SPDX-License-Identifier: GPL-2.0
# A pointer stored into the stack at a variable offset: which slot holds
# it is not known, and every slot it may be in could be read back as one.
# kind: msg
# expect: reject: a pointer (r1: ctx) cannot be stored at a variable stack offset
# insn: 6
stdw [%r10-16], 0
stdw [%r10-8], 0
ldxw %r2, [%r1+4]
and %r2, 8
mov %r3, %r10
add %r3, %r2
stxdw [%r3-16], %r1
mov %r0, 0
exit
