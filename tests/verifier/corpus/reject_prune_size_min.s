# SPDX-License-Identifier: GPL-2.0
# Pruning compares the bytes known to exist in a block. Two paths meet at
# "join" with equal registers and the message's block (r7) checked to hold
# 64 bytes on the first, 8 on the second; the write at 63 that follows is
# safe only on the first.
# kind: msg
# expect: reject: write to exchange block out of bounds (off 63, size 1, block 8)
# insn: 15
mov %r6, %r1
call 5
jeq %r0, 0, out
mov %r7, %r0
mov %r1, %r7
call 3
ldxdw %r2, [%r6+8]
jne %r2, 0, path_b
jlt %r0, 64, drop
mov %r2, 0
mov %r0, 0
ja join
path_b:
jlt %r0, 8, drop
mov %r2, 0
mov %r0, 0
join:
stb [%r7+63], 1
drop:
mov %r1, %r7
call 2
out:
mov %r0, 0
exit
