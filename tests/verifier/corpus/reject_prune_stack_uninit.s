# SPDX-License-Identifier: GPL-2.0
# Pruning compares stack bytes. Two paths meet at insn 5: the first wrote
# the four bytes at r10-8, the second did not, and the read that follows
# is of written stack only on the first.
# kind: raw
# expect: reject: read of uninitialised stack (off -8, size 4)
# insn: 5
mov %r0, 0
jne %r1, 0, +2
stw [%r10-8], 1
ja +1
mov %r1, 0
ldxw %r0, [%r10-8]
exit
