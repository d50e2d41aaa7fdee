# SPDX-License-Identifier: GPL-2.0
# Pruning compares what stack bytes hold. Two paths meet at insn 8: the
# first overwrote r10-8 with number bytes, the second still holds a spilled
# pointer there. Read back whole and returned, the second leaks it.
# kind: raw
# data: 8
# expect: reject: pointer leak: the handler returns a pointer (r0: data)
# insn: 9
lddw %r2, data+0
stxdw [%r10-8], %r2
jne %r1, 0, +3
stw [%r10-8], 0
stw [%r10-4], 0
ja +1
mov %r1, 0
ldxdw %r0, [%r10-8]
exit
