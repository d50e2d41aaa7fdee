# SPDX-License-Identifier: GPL-2.0
# Pruning compares how many blocks are owned. Two paths meet at "join"
# with the same registers: the block was freed on the first and is still
# owned on the second (its pointer overwritten). Returning leaks it on the
# second. (In C the pointer stays in a register on the leaking path, and
# its type alone stops pruning.)
# kind: msg
# expect: reject: block leak: the block from insn 2 is still owned at exit
# insn: 11
mov %r6, %r1
mov %r1, 64
call 1
jeq %r0, 0, out
ldxdw %r2, [%r6+8]
jne %r2, 0, path_b
mov %r1, %r0
call 2
mov %r0, 0
ja join
path_b:
mov %r0, 0
join:
exit
out:
mov %r0, 0
exit
