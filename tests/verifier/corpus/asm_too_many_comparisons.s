# SPDX-License-Identifier: GPL-2.0
# The limit on work, not on memory: twenty undecided branches in a row each
# leave a different constant in r0, so a million paths never merge. The
# verifier keeps at most 64 states per instruction and counts every state
# comparison; it gives up after 4M comparisons, in a fraction of a second
# (it used to compare every new state with every kept one: 15-20 s).
# kind: msg
# expect: reject: program too complex: 4194304 state comparisons (limit 4194304)
# expect-also: the join at insn 42 kept 64 states of
ldxdw %r6, [%r1+8]
mov %r0, 0
jset %r6, 0x1, +1
add %r0, 0x1
jset %r6, 0x2, +1
add %r0, 0x2
jset %r6, 0x4, +1
add %r0, 0x4
jset %r6, 0x8, +1
add %r0, 0x8
jset %r6, 0x10, +1
add %r0, 0x10
jset %r6, 0x20, +1
add %r0, 0x20
jset %r6, 0x40, +1
add %r0, 0x40
jset %r6, 0x80, +1
add %r0, 0x80
jset %r6, 0x100, +1
add %r0, 0x100
jset %r6, 0x200, +1
add %r0, 0x200
jset %r6, 0x400, +1
add %r0, 0x400
jset %r6, 0x800, +1
add %r0, 0x800
jset %r6, 0x1000, +1
add %r0, 0x1000
jset %r6, 0x2000, +1
add %r0, 0x2000
jset %r6, 0x4000, +1
add %r0, 0x4000
jset %r6, 0x8000, +1
add %r0, 0x8000
jset %r6, 0x10000, +1
add %r0, 0x10000
jset %r6, 0x20000, +1
add %r0, 0x20000
jset %r6, 0x40000, +1
add %r0, 0x40000
jset %r6, 0x80000, +1
add %r0, 0x80000
exit
